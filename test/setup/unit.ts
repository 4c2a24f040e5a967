// Unit tests are pure and in-process: each takes milliseconds, a file's beforeAll (the knowledge
// base and the resolver's index) about a second on a quiet machine. 15 s is ten times that, so a
// loaded machine passes and a test that waits on something real fails fast.
jest.setTimeout(15_000);
