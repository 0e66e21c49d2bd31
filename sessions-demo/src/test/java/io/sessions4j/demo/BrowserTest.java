package io.sessions4j.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sessions4j.api.SessionSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo in a real browser: headless Debian Chromium driven by Selenium, the default engine (db
 * on an H2 file) in a temporary data directory. Skips when Chromium or chromedriver is missing,
 * unless {@code SESSIONS_TEST_REQUIRE_BROWSER=true} (CI), which makes that a failure.
 */
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(15);
    // Selenium warns (java.util.logging) that its newest CDP bindings are older than Debian's
    // Chromium; the test uses WebDriver only, never CDP. Held in a field: JUL loggers are weak.
    private static final Logger CDP_VERSION_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_LOG.setLevel(Level.SEVERE);
    }

    @TempDir
    Path dataDir;
    @TempDir
    Path profile;

    private DemoServer server;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equalsIgnoreCase(System.getenv("SESSIONS_TEST_REQUIRE_BROWSER"))) {
            fail("SESSIONS_TEST_REQUIRE_BROWSER=true but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install -y chromium chromium-driver");
        }
        assumeTrue(present, CHROMIUM + " or " + CHROMEDRIVER + " is missing (apt-get install chromium chromium-driver)");

        ChromeOptions options = new ChromeOptions();
        // Explicit binaries: Selenium Manager must never try to download a browser or a driver.
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1200,900", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, WAIT);
    }

    @AfterEach
    void stopAll() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    @DisplayName("Log in, fill the cart, restart the app on the same database: still signed in, cart intact; log out")
    void login_cart_restart_logout() throws Exception {
        server = start(0);
        int port = server.uri().getPort();
        String base = server.uri().toString();

        driver.get(base + "login");
        driver.findElement(By.id("username")).sendKeys("ada");
        driver.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.urlToBe(base + "session"));
        assertThat(driver.findElement(By.id("whoami")).getText()).isEqualTo("ada");
        assertThat(driver.findElement(By.id("browser-close")).getText()).isEqualTo("yes");
        assertThat(driver.findElement(By.id("session-engine")).getText()).isEqualTo("db");

        Cookie cookie = driver.manage().getCookieNamed("sessionid");
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.getExpiry()).as("expires at browser close: a session cookie").isNull();
        assertThat(driver.findElement(By.id("session-key")).getText()).isEqualTo(cookie.getValue());

        driver.get(base + "cart");
        new Select(driver.findElement(By.id("sku"))).selectByValue("tea");
        driver.findElement(By.id("quantity")).clear();
        driver.findElement(By.id("quantity")).sendKeys("2");
        driver.findElement(By.id("add-to-cart")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-sku=tea] .qty")));
        assertThat(driver.findElement(By.cssSelector("tr[data-sku=tea] .qty")).getText()).isEqualTo("2");

        driver.get(base + "session");
        screenshot("sessions-demo-logged-in.png");

        // Restart: a new server and a new engine on the same data directory (same H2 file, same secret).
        server.stop();
        server = start(port);
        driver.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("whoami")));
        assertThat(driver.findElement(By.id("whoami")).getText()).isEqualTo("ada");
        assertThat(driver.findElement(By.id("cart-count")).getText()).isEqualTo("2");
        driver.get(base + "cart");
        assertThat(driver.findElement(By.cssSelector("tr[data-sku=tea] .qty")).getText()).isEqualTo("2");
        screenshot("sessions-demo-cart.png");
        assertThat(driver.manage().getCookieNamed("sessionid").getValue()).isEqualTo(cookie.getValue());

        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
        assertThat(driver.findElement(By.id("login-link")).getText()).isEqualTo("Log in");
        assertThat(driver.manage().getCookieNamed("sessionid")).as("flush() deleted the cookie").isNull();
    }

    private DemoServer start(int port) throws Exception {
        // The README's default: db engine, H2 file and generated secret under the data directory.
        SessionSettings settings = DemoSettings.resolve(null, dataDir, Map.of());
        DemoServer started = new DemoServer(settings, "127.0.0.1", port);
        started.start();
        return started;
    }

    private void screenshot(String name) throws IOException {
        Path shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
