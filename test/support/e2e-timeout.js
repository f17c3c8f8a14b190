// Suites here boot the app, build images or start servers; jest 29 takes the timeout per file, not per project.
jest.setTimeout(180000);
