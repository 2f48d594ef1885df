// The cross-engine end-to-end suite (suite.mjs) in WebKitGTK (WebKitWebDriver and MiniBrowser, on an Xvfb display).
import { crossEngineSuite } from './suite.mjs';

crossEngineSuite('webkit');
