// Integration tests start real servers, child processes, Azurite and a browser; the slowest hook
// (an app with the recognizers warmed) takes about ten seconds on a quiet 2-core machine. 120 s
// is ten times that: a liveness bound, never a speed target (those are in `npm run bench`).
jest.setTimeout(120_000);
