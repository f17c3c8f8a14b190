import { DomainError } from '../../common/domain-error';

/** One rejected input row (or series, for gaps) with the 1-based line of the CSV it comes from. */
export interface SalesDataProblem {
  line: number;
  message: string;
}

const SHOWN_PROBLEMS = 20;

/** The training CSV cannot be used as it is; `problems` says where and why. */
export class SalesDataInvalidError extends DomainError {
  readonly code = 'SALES_DATA_INVALID';
  readonly httpStatus = 422;

  constructor(
    readonly source: string,
    readonly problems: SalesDataProblem[],
    hint = 'fix the rows or rerun with --drop-invalid to drop them',
  ) {
    const shown = problems.slice(0, SHOWN_PROBLEMS).map((p) => `  line ${p.line}: ${p.message}`);
    const more = problems.length > SHOWN_PROBLEMS ? [`  ... and ${problems.length - SHOWN_PROBLEMS} more`] : [];
    super(`${source}: ${problems.length} invalid row(s); ${hint}\n${[...shown, ...more].join('\n')}`, problems);
  }
}
