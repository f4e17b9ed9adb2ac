// Set operations at 5,000 items on mariadb (one file per engine, so Jest's workers share the suite).
import { describeSetsOf5000 } from './sets-of-5000';

describeSetsOf5000('mariadb');
