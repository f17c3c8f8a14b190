import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './support/commands';
import { patchedSchema, pipelineDiagnostics } from './support/pipeline-validator';

/* eslint-disable @typescript-eslint/no-explicit-any */
const pipelineFiles = ['azure-pipelines.yml', 'azure-pipelines-retrain.yml', 'scripts/delivery/azure-pipelines/aks-deploy-steps.yml'];
const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');

// The language service logs its schema look-ups with console.log; keep the test output to what matters.
async function diagnostics(text: string, schema?: unknown): Promise<string[]> {
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    return await pipelineDiagnostics(text, schema);
  } finally {
    log.mockRestore();
  }
}

const steps = (job: any): any[] => job.steps ?? job.strategy.runOnce.deploy.steps;
const tasks = (job: any, name: string) => steps(job).filter((s) => s.task === name);
const scripts = (job: any) => steps(job).map((s) => s.script ?? s.inputs?.inlineScript ?? '').join('\n');

describe('Azure Pipelines YAML against Microsoft\'s schema (azure-pipelines-language-service)', () => {
  it('uses the vendored schema unchanged, with its licence', () => {
    const dir = path.join(repoRoot, 'vendor/azure-pipelines-schema');
    const sha = createHash('sha256').update(fs.readFileSync(path.join(dir, 'service-schema.json'))).digest('hex');
    expect(fs.readFileSync(path.join(dir, 'SOURCE.md'), 'utf8')).toContain(sha);
    expect(fs.readFileSync(path.join(dir, 'LICENSE'), 'utf8')).toMatch(/MIT License[\s\S]*Microsoft/);
  });

  it.each(pipelineFiles)('%s has no diagnostic at all', async (file) => {
    expect(await diagnostics(read(file))).toEqual([]);
  });

  it('reports misspelt inputs and unknown step keys (the check is real)', async () => {
    const broken = 'trigger: none\nsteps:\n  - task: Docker@2\n    inputs:\n      comand: build\n  - scriptt: echo hi\n';
    const found = await diagnostics(broken);
    expect(found.join('\n')).toMatch(/comand/);
    expect(found.join('\n')).toMatch(/scriptt/);
  });

  it('needs the in-memory patches only for the documented schema gaps', async () => {
    const raw = JSON.parse(fs.readFileSync(path.join(repoRoot, 'vendor/azure-pipelines-schema/service-schema.json'), 'utf8'));
    const unpatched = await diagnostics(read('azure-pipelines.yml'), raw);
    expect(unpatched.length).toBeGreaterThan(0);
    const lines = read('azure-pipelines.yml').split('\n');
    for (const d of unpatched) {
      const stepTask = lines.slice(0, Number(d.split(':')[0])).reverse().find((l) => /- task: /.test(l));
      expect({ diagnostic: d, stepTask }).toEqual({ diagnostic: d, stepTask: expect.stringMatching(/UseNode@1|PublishCodeCoverageResults@2/) });
    }
    expect(patchedSchema().definitions.task.anyOf.length).toBe(raw.definitions.task.anyOf.length + 2);
  });
});

describe('azure-pipelines.yml', () => {
  const pipeline = parse(read('azure-pipelines.yml'));
  const stage = (name: string) => pipeline.stages.find((s: any) => s.stage === name);
  const template = read('scripts/delivery/azure-pipelines/aks-deploy-steps.yml');

  it('runs Test, Build and Deploy in that order, building and deploying main only', () => {
    expect(pipeline.stages.map((s: any) => s.stage)).toEqual(['Test', 'Build', 'Deploy']);
    expect(pipeline.trigger.branches.include).toEqual(['main']);
    expect(stage('Build').condition).toContain("ne(variables['Build.Reason'], 'PullRequest')");
    expect(stage('Deploy').condition).toContain("'refs/heads/main'");
  });

  it('Test: cached npm ci, lint, all tests with JUnit and Cobertura published, local smoke test', () => {
    const job = stage('Test').jobs[0];
    expect(tasks(job, 'Cache@2')[0].inputs.key).toContain('package-lock.json');
    const run = scripts(job);
    for (const command of ['npm ci', 'npm run lint', 'npm test -- --coverage', 'npm run build', 'scripts/delivery/local-smoke.sh']) {
      expect(run).toContain(command);
    }
    expect(run.indexOf('npm ci')).toBeLessThan(run.indexOf('npm test'));
    expect(tasks(job, 'PublishTestResults@2')[0].inputs).toEqual(expect.objectContaining({ testResultsFormat: 'JUnit', testResultsFiles: 'reports/junit.xml' }));
    expect(tasks(job, 'PublishCodeCoverageResults@2')[0].inputs.summaryFileLocation).toBe('coverage/cobertura-coverage.xml');
    expect(fs.existsSync(path.join(repoRoot, 'scripts/delivery/local-smoke.sh'))).toBe(true);
  });

  it('Build: pushes the image to ACR tagged with the build id and commit, lints, packages and publishes the chart', () => {
    const [image, chart] = stage('Build').jobs;
    const docker = tasks(image, 'Docker@2')[0].inputs;
    expect(docker.command).toBe('buildAndPush');
    expect(docker.containerRegistry).toBe('$(acrServiceConnection)');
    expect(docker.tags.split('\n').filter(Boolean)).toEqual(['$(Build.BuildId)', '$(Build.SourceVersion)']);
    expect(tasks(chart, 'HelmInstaller@1')).toHaveLength(1);
    expect(scripts(chart)).toMatch(/helm lint \$\(chartPath\) --strict/);
    expect(scripts(chart)).toMatch(/helm package \$\(chartPath\)/);
    expect(steps(chart).find((s) => s.publish)).toEqual(expect.objectContaining({ artifact: 'chart' }));
  });

  it('Deploy: a deployment job on an environment runs an atomic, waiting helm upgrade with the new tag, then checks it', () => {
    const job = stage('Deploy').jobs[0];
    expect(job.deployment).toBeDefined();
    expect(job.environment).toEqual(expect.any(String));
    const use = steps(job).find((s) => s.template);
    expect(use.template).toBe('scripts/delivery/azure-pipelines/aks-deploy-steps.yml');
    expect(use.parameters.helmArgs).toContain('image.tag=$(Build.BuildId)');
    expect(template).toMatch(/helm upgrade --install[\s\S]*--atomic --wait/);
    expect(template).toContain('rollout status deployment/demand-forecast');
    expect(template).toContain('helm test demand-forecast');
    expect(template).toContain('scripts/delivery/smoke-test.sh');
    expect(template).toContain('kubelogin convert-kubeconfig');
  });
});

describe('azure-pipelines-retrain.yml', () => {
  const pipeline = parse(read('azure-pipelines-retrain.yml'));

  it('runs monthly on main only, never on pushes or pull requests', () => {
    expect(pipeline.trigger).toBe('none');
    expect(pipeline.pr).toBe('none');
    const [schedule] = pipeline.schedules;
    const [minute, hour, day, month, weekday] = schedule.cron.split(' ');
    expect([minute, hour, month, weekday].every((f: string) => /^\d+$|^\*$/.test(f))).toBe(true);
    expect({ day, month, weekday }).toEqual({ day: expect.stringMatching(/^\d+$/), month: '*', weekday: '*' });
    expect(schedule.branches.include).toEqual(['main']);
  });

  it('trains into the registry promoting only if better, then rolls the pods when the alias moved', () => {
    const [train, deploy] = pipeline.stages;
    const run = scripts(train.jobs[0]);
    expect(run).toContain('npm ci');
    expect(run).toContain('npm run train -- --registry "$(MODEL_REGISTRY_URL)" --promote production');
    expect(deploy.condition).toContain("dependencies.Retrain.outputs['Train.train.promoted']");
    const use = steps(deploy.jobs[0]).find((s) => s.template);
    expect(use.parameters.helmArgs).toMatch(/--reuse-values --set-string rolloutToken=/);
  });
});

describe.each(pipelineFiles)('%s keeps secrets out of YAML', (file) => {
  it('names service connections and variable groups, never keys or connection strings', () => {
    const text = read(file);
    expect(text).not.toMatch(/AccountKey=|SharedAccessSignature|AZURE_STORAGE_CONNECTION_STRING|password|clientSecret|sig=/i);
  });
});
