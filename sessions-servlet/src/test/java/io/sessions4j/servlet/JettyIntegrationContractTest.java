package io.sessions4j.servlet;

/** The testkit's HTTP suite on embedded Jetty 12 (ee10). */
class JettyIntegrationContractTest extends ServletIntegrationContract {
    JettyIntegrationContractTest() {
        super(new JettyContainer());
    }
}
