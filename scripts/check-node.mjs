// Guard run before `npm start` and `npm test`: plain JavaScript so that any Node can run it and
// explain the problem instead of failing later with an obscure syntax or engine error.
const REQUIRED = '22.12';
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const [needMajor, needMinor] = REQUIRED.split('.').map(Number);

if (major < needMajor || (major === needMajor && minor < needMinor)) {
  console.error(
    [
      `Quotient needs Node >= ${REQUIRED} (this is Node ${process.versions.node}).`,
      'Run it through npm (npm test / npm start), which uses the Node 24 from devDependencies;',
      'run `npm ci` first.',
    ].join('\n'),
  );
  process.exit(1);
}
