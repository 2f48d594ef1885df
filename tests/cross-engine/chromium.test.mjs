// The cross-engine end-to-end suite (suite.mjs) in Chromium (chromedriver).
import { crossEngineSuite } from './suite.mjs';

crossEngineSuite('chromium');
