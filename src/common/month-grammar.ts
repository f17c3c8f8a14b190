/** The one grammar of a calendar month in requests and answers: YYYY-MM, zero-padded, January = 01. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The rule text a client sees when a month breaks MONTH_PATTERN. */
export const MONTH_RULE = 'must be a month in YYYY-MM form';
