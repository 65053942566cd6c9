#!/usr/bin/env node
// Test helper: a stand-in for gdb/MI (a Solo5 hvt session cannot run here) that logs every command line it gets and
// answers the way gdb 13 does, so tests can check exactly what the engine sends.
import { appendFileSync } from 'node:fs';
import readline from 'node:readline';

const log = process.env.FAKE_GDB_LOG;
let breakpoints = 0;
const say = (line) => process.stdout.write(`${line}\n`);

say('=thread-group-added,id="i1"');
say('(gdb) ');
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (log) appendFileSync(log, `${line}\n`);
  const command = /^(\d+)(-[\w-]+)(.*)$/.exec(line);
  if (!command) return;
  const [, token, operation, rest] = command;
  switch (operation) {
    case '-target-select':
      say('=thread-group-started,id="i1",pid="1"');
      say('=thread-created,id="1",group-id="i1"');
      say('*stopped,frame={addr="0x0000000000100000",func="_start",args=[]},thread-id="1",stopped-threads="all"');
      say(`${token}^connected`);
      break;
    case '-file-list-exec-source-files':
      say(`${token}^done,files=[{file="main.c",fullname="/src/main.c"}]`);
      break;
    case '-break-insert': {
      breakpoints += 1;
      const hardware = / -h\b/.test(rest);
      const temporary = / -t\b/.test(rest);
      const address = `0x${(0x100000 + breakpoints * 16).toString(16).padStart(16, '0')}`;
      say(`${token}^done,bkpt={number="${breakpoints}",type="${hardware ? 'hw breakpoint' : 'breakpoint'}",disp="${temporary ? 'del' : 'keep'}",enabled="y",addr="${address}",func="f${breakpoints}",file="main.c",fullname="/src/main.c",line="${breakpoints}",thread-groups=["i1"],times="0"}`);
      break;
    }
    case '-exec-continue':
      say(`${token}^running`);
      say('*running,thread-id="all"');
      break;
    case '-gdb-exit':
      say(`${token}^exit`);
      process.exit(0);
      break;
    default:
      say(`${token}^done`);
  }
  say('(gdb) ');
});
