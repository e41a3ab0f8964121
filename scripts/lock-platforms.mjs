#!/usr/bin/env node
// The npm registry mirror on our build machines lacks the other platforms' builds of some native
// packages, so `npm install` leaves them out of package-lock.json and `npm ci` then refuses the lock.
// This adds each missing optional platform package to the lock with its os/cpu/libc, as the public
// registry would, so `npm ci` skips it on other platforms and installs it on its own.
// Run after `npm install` changes dependencies: node scripts/lock-platforms.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { helpIfAsked } from '../bench/lib.mjs';

helpIfAsked(new URL(import.meta.url).pathname);

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const CPUS = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 's390x', 'riscv64'];
const OSES = { darwin: 'darwin', linux: 'linux', win32: 'win32', android: 'android', freebsd: 'freebsd', openbsd: 'openbsd', openharmony: 'openharmony' };

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.map((p) => OSES[p]).find(Boolean);
  const cpu = parts.find((p) => CPUS.includes(p)) ?? (parts.includes('arm') ? 'arm' : undefined);
  if (!os || !cpu) return undefined;
  const libc = os === 'linux' ? (parts.includes('musl') || parts.includes('musleabihf') ? 'musl' : 'glibc') : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

let added = 0;
for (const [key, pkg] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const at = `node_modules/${dep}`;
    if (lock.packages[at] || lock.packages[`${key}/${at}`]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    lock.packages[at] = { version: version.replace(/^[\^~]/, ''), ...platform, dev: pkg.dev, optional: true };
    if (!lock.packages[at].dev) delete lock.packages[at].dev;
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
console.log(`added ${added} platform entries to package-lock.json`);
