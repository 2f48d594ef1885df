// The cross-engine end-to-end suite (suite.mjs) in Firefox ESR (geckodriver).
import { crossEngineSuite } from './suite.mjs';

crossEngineSuite('firefox');
