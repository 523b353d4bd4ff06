import { InProcessQueueDriver } from './in-process.driver.js';
import { runQueueDriverSuite } from './queue.driver-suite.js';

runQueueDriverSuite('in-process', (options) => new InProcessQueueDriver(options));
