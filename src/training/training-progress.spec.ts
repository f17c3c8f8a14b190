import { LineProgress } from './training-progress';

describe('LineProgress', () => {
  it('prints the start of a stage and each quarter once', () => {
    const lines: string[] = [];
    const progress = new LineProgress((line) => lines.push(line.replace(/\(.*\)/, '(t)')));
    progress.stage('trees', 8);
    for (let done = 1; done <= 8; done++) progress.update(done);
    progress.log('done');
    expect(lines).toEqual(['[train] trees: 0/8', '[train] trees: 2/8 (t)', '[train] trees: 4/8 (t)', '[train] trees: 6/8 (t)', '[train] trees: 8/8 (t)', '[train] done']);
  });
});
