import { bootstrap } from '../bootstrap';
import { serveBenchChild } from './bench-child';

// The service as `npm start` runs it (configuration from the environment), in its own process for the benchmark.
bootstrap(process.env)
  .then((service) => serveBenchChild(service.url, () => service.close()))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
