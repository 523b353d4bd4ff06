// Migrations run in this order on every start (never `synchronize`).
import { Identity0001 } from './0001-identity.js';
import { Processes0002 } from './0002-processes.js';
import { Runtime0003 } from './0003-runtime.js';
import { Templates0004 } from './0004-templates.js';
import { Files0005 } from './0005-files.js';
import { InboxIndexes0006 } from './0006-inbox-indexes.js';
import { CommandRequestKeys0007 } from './0007-command-request-keys.js';

export const MIGRATIONS = [
  Identity0001,
  Processes0002,
  Runtime0003,
  Templates0004,
  Files0005,
  InboxIndexes0006,
  CommandRequestKeys0007,
];
