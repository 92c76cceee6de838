// Copies the browser side of the event-bus bridge and uPlot (the observer's charts) from node_modules into
// webroot/vendor, with the licences. The copies are checked in, so the application serves them without npm; run
// `npm ci && npm run vendor` after changing the versions in package.json.
import { copyFileSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(root, 'node_modules');
const vendor = join(root, 'webroot', 'vendor');
mkdirSync(vendor, { recursive: true });

copyFileSync(join(modules, 'sockjs-client', 'dist', 'sockjs.min.js'), join(vendor, 'sockjs.min.js'));
copyFileSync(join(modules, 'sockjs-client', 'LICENSE'), join(vendor, 'sockjs-client.LICENSE'));
copyFileSync(join(modules, '@vertx', 'eventbus-bridge-client.js', 'vertx-eventbus.js'), join(vendor, 'vertx-eventbus.js'));
copyFileSync(join(modules, 'uplot', 'dist', 'uPlot.iife.min.js'), join(vendor, 'uPlot.iife.min.js'));
copyFileSync(join(modules, 'uplot', 'dist', 'uPlot.min.css'), join(vendor, 'uPlot.min.css'));
copyFileSync(join(modules, 'uplot', 'LICENSE'), join(vendor, 'uplot.LICENSE'));

const bridge = JSON.parse(readFileSync(join(modules, '@vertx', 'eventbus-bridge-client.js', 'package.json'), 'utf8'));
const sockjs = JSON.parse(readFileSync(join(modules, 'sockjs-client', 'package.json'), 'utf8'));
const uplot = JSON.parse(readFileSync(join(modules, 'uplot', 'package.json'), 'utf8'));
writeFileSync(join(vendor, 'vertx-eventbus.LICENSE'),
  `${bridge.name} ${bridge.version}, licensed ${bridge.license} (see its file header: Eclipse Public License v1.0 or\n`
  + `Apache License v2.0, at the redistributor's choice; Rumbl redistributes it under the Apache License v2.0).\n`
  + `The package ships no licence file; the full text of the Apache License v2.0 is in apache-2.0.txt beside this file.\n`);
writeFileSync(join(vendor, 'VERSIONS'), `${bridge.name} ${bridge.version}\n${sockjs.name} ${sockjs.version}\n${uplot.name} ${uplot.version}\n`);
console.log(`vendored ${bridge.name} ${bridge.version}, ${sockjs.name} ${sockjs.version} and ${uplot.name} ${uplot.version} into webroot/vendor`);
