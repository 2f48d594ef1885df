// The three browser engines of the cross-engine suite, driven through WebDriver with
// selenium-webdriver: Chromium (chromedriver), Firefox ESR (geckodriver) and WebKitGTK
// (WebKitWebDriver, which starts MiniBrowser on an Xvfb display of its own). Every driver and
// browser path is explicit and SE_OFFLINE is set, so Selenium Manager never downloads anything.
//
// Environment (scripts/test.sh sets GECKODRIVER; the others have Debian's paths as defaults):
//   CHROMEDRIVER, CHROMIUM_PATH   chromedriver and the Chromium executable
//   GECKODRIVER, FIREFOX_PATH     geckodriver (built by scripts/setup.sh) and firefox-esr
//   WEBKITWEBDRIVER               /usr/bin/WebKitWebDriver
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Builder } from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome.js';
import firefox from 'selenium-webdriver/firefox.js';
import remote from 'selenium-webdriver/remote/index.js';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/harness.mjs';

process.env.SE_OFFLINE = 'true';

// The shopper of the Playwright suite: Korean browser languages (where the engine takes them,
// see startWebKit), a time zone far from the parcel's +09:00, so the widget must show event
// times in the offset they carry.
const ACCEPT_LANGUAGES = 'ko-KR,ko';
const TIME_ZONE = 'America/New_York';
// The same window in every engine, so the full-window screenshots compare.
const WINDOW = { width: 1024, height: 900 };

/** The path in $envName (which must exist when set), else the first of `fallback` found. */
function executable(envName, fallback, what) {
  const named = process.env[envName];
  if (named) {
    if (!existsSync(named)) throw new Error(`${envName}=${named}: no such file`);
    return named;
  }
  for (const candidate of fallback) {
    if (candidate.includes('/')) {
      if (existsSync(candidate)) return candidate;
      continue;
    }
    try {
      return execFileSync('which', [candidate], { encoding: 'utf8' }).trim();
    } catch {
      /* not on PATH */
    }
  }
  throw new Error(`${what} not found: set ${envName} (scripts/setup.sh --browser installs it)`);
}

const driverEnv = (extra = {}) => ({ ...process.env, TZ: TIME_ZONE, ...extra });

async function startChromium() {
  const options = new chrome.Options()
    .setChromeBinaryPath(chromiumPath())
    .addArguments(...CHROMIUM_ARGS, `--lang=${ACCEPT_LANGUAGES.split(',')[0]}`, `--accept-lang=${ACCEPT_LANGUAGES}`)
    .setUserPreferences({ 'intl.accept_languages': ACCEPT_LANGUAGES });
  const service = new chrome.ServiceBuilder(executable('CHROMEDRIVER', ['chromedriver'], 'chromedriver')).setEnvironment(driverEnv());
  const driver = await new Builder().forBrowser('chrome').setChromeOptions(options).setChromeService(service).build();
  return { driver, stop: () => driver.quit() };
}

async function startFirefox() {
  const options = new firefox.Options()
    .setBinary(executable('FIREFOX_PATH', ['firefox-esr', 'firefox'], 'Firefox'))
    .addArguments('-headless')
    .setPreference('intl.accept_languages', ACCEPT_LANGUAGES)
    // No update checks, telemetry or first-run pages: nothing leaves the loopback interface.
    .setPreference('app.update.enabled', false)
    .setPreference('browser.shell.checkDefaultBrowser', false)
    .setPreference('datareporting.policy.dataSubmissionEnabled', false)
    .setPreference('toolkit.telemetry.enabled', false)
    .setPreference('network.captive-portal-service.enabled', false)
    .setPreference('network.connectivity-service.enabled', false);
  const service = new firefox.ServiceBuilder(executable('GECKODRIVER', ['geckodriver'], 'geckodriver')).setEnvironment(driverEnv());
  const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
  return { driver, stop: () => driver.quit() };
}

/** Starts Xvfb on a free display (it picks the number and writes it to fd 3). */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.stdio[3].on('data', (c) => {
      out += c;
      if (out.includes('\n')) resolve({ child, display: `:${out.trim()}` });
    });
    child.once('error', (e) => reject(new Error(`cannot start Xvfb (Debian: apt-get install xvfb): ${e.message}`)));
    child.once('exit', (code) => reject(new Error(`Xvfb exited (code ${code}) before naming its display: ${stderr}`)));
  });
}

async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function startWebKit() {
  const xvfb = await startXvfb();
  try {
    // MiniBrowser takes navigator.languages from LANG: "C" without it, and "en-US" for any
    // LANG on a machine whose only locales are C (Debian's default), so the test pages declare
    // their language (lang="ko"), as a shop's pages do.
    const service = new remote.DriverService.Builder(executable('WEBKITWEBDRIVER', ['/usr/bin/WebKitWebDriver'], 'WebKitWebDriver'))
      .setLoopback(true)
      .setEnvironment(driverEnv({ DISPLAY: xvfb.display, LANG: 'en_US.UTF-8' }))
      .build();
    const url = await service.start();
    let driver;
    try {
      driver = await new Builder().usingServer(url).withCapabilities({ browserName: 'MiniBrowser' }).build();
    } catch (e) {
      await service.kill();
      throw e;
    }
    return {
      driver,
      stop: async () => {
        try {
          await driver.quit();
        } finally {
          await service.kill();
          await stopProcess(xvfb.child);
        }
      },
    };
  } catch (e) {
    await stopProcess(xvfb.child);
    throw e;
  }
}

const STARTERS = { chromium: startChromium, firefox: startFirefox, webkit: startWebKit };

/** Starts `name` ('chromium', 'firefox' or 'webkit'): { driver, stop() }, its window at WINDOW's size. */
export async function startEngine(name) {
  const engine = await STARTERS[name]();
  try {
    await engine.driver.manage().window().setRect(WINDOW);
    await engine.driver.manage().setTimeouts({ script: 20000, pageLoad: 20000 });
  } catch (e) {
    await engine.stop();
    throw e;
  }
  return engine;
}
