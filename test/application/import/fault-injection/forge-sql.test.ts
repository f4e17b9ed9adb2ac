// An import killed at any statement on forge-sql (one file per engine, so Jest's workers share the suite).
import { describeKilledImport } from './killed-import';

describeKilledImport('forge-sql');
