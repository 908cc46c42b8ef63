import { readFileSync, writeFileSync } from 'node:fs';

/**
 * `npm run flamegraph -- profile.cpuprofile out.svg [title]`: draws a V8 CPU profile (from
 * `node --cpu-prof`) as a flame graph in SVG, which GitHub and any browser show inline — the
 * docs' profiles are drawn with it. Width is sampled time; the idle time is left out, so the graph is
 * what the process spent working. Colours: the service's own code orange, packages blue, Node's
 * internals and native code grey, garbage collection red.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
interface Frame {
  name: string;
  url: string;
  total: number;
  children: Map<string, Frame>;
}

const WIDTH = 1200;
const ROW = 17;

function main(): void {
  const [input, output, title = 'CPU profile'] = process.argv.slice(2);
  if (!input || !output)
    throw new Error('usage: flamegraph <profile.cpuprofile> <out.svg> [title]');
  const profile = JSON.parse(readFileSync(input, 'utf8')) as Profile;
  const root = tree(profile);
  const boxes: { frame: Frame; x: number; width: number; level: number }[] = [];
  const place = (frame: Frame, x: number, level: number): void => {
    const width = (frame.total / root.total) * WIDTH;
    if (width < 1) return;
    boxes.push({ frame, x, width, level });
    let childX = x;
    for (const child of [...frame.children.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      place(child, childX, level + 1);
      childX += (child.total / root.total) * WIDTH;
    }
  };
  place(root, 0, 0);
  const height = (Math.max(...boxes.map((box) => box.level)) + 1) * ROW + 30;
  // Flames grow upwards: level 0 at the bottom.
  const body = boxes
    .map(({ frame, x, width, level }) => {
      const share = ((100 * frame.total) / root.total).toFixed(1);
      const label = width > 40 ? escape(frame.name.slice(0, Math.floor(width / 6.5))) : '';
      return (
        `<g transform="translate(${x.toFixed(1)} ${height - (level + 1) * ROW})">` +
        `<title>${escape(frame.name)} ${escape(shortUrl(frame.url))} — ${share} %</title>` +
        `<rect width="${width.toFixed(1)}" height="${ROW - 1}" fill="${colour(frame)}"/>` +
        `<text x="3" dy="12">${label}</text></g>`
      );
    })
    .join('\n');
  writeFileSync(
    output,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="monospace" font-size="11">\n` +
      `<rect width="100%" height="100%" fill="#fff"/><text x="4" y="16" font-size="14">${escape(title)} — ${(root.total / 1000).toFixed(0)} ms sampled, idle left out</text>\n` +
      `${body}\n</svg>\n`,
  );
}

/** The profile's samples summed into a tree keyed by function and file, idle time left out. */
function tree(profile: Profile): Frame {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const root: Frame = { name: 'all', url: '', total: 0, children: new Map() };
  profile.samples.forEach((id, i) => {
    const time = profile.timeDeltas[i] ?? 0;
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      stack.push(byId.get(at)!);
    stack.reverse();
    if (stack.at(-1)?.callFrame.functionName === '(idle)') return;
    let frame = root;
    root.total += time;
    for (const node of stack.slice(1)) {
      const { functionName, url, lineNumber } = node.callFrame;
      const key = `${functionName}|${url}|${lineNumber}`;
      let child = frame.children.get(key);
      if (!child) {
        child = {
          name: functionName || '(anonymous)',
          url,
          total: 0,
          children: new Map(),
        };
        frame.children.set(key, child);
      }
      child.total += time;
      frame = child;
    }
  });
  return root;
}

function colour(frame: Frame): string {
  if (frame.name === '(garbage collector)') return '#e05a4f';
  if (frame.url.includes('node_modules')) return '#7fb3e0';
  if (frame.url.startsWith('file://') || frame.url.startsWith('/')) return '#f0a650';
  return '#c8c8c8';
}

function shortUrl(url: string): string {
  return url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(dist|libs|apps)\//, '$1/');
}

function escape(text: string): string {
  return text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

main();
