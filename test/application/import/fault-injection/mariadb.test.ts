// An import killed at any statement on mariadb (one file per engine, so Jest's workers share the suite).
import { describeKilledImport } from './killed-import';

describeKilledImport('mariadb');
