import { writeCompactGeography } from './geography';

// `npm run build` runs this once the code is compiled: see writeCompactGeography.
if (require.main === module) writeCompactGeography();
