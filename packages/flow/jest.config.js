import { jestConfig } from '../../config/jest.base.js';
export default jestConfig({ rootDir: import.meta.dirname });
