// Runs the Store conformance suite against SQLite on temp files.
import { storeConformance } from '../store-conformance.js';
import { tempSqliteStore } from './temp-sqlite-store.js';

storeConformance('sqlite', tempSqliteStore);
