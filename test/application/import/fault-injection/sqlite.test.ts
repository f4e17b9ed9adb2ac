// An import killed at any statement on sqlite (one file per engine, so Jest's workers share the suite).
import { describeKilledImport } from './killed-import';

describeKilledImport('sqlite');
