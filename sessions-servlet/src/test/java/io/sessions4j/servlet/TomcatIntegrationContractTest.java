package io.sessions4j.servlet;

/** The testkit's HTTP suite on embedded Tomcat 10.1. */
class TomcatIntegrationContractTest extends ServletIntegrationContract {
    TomcatIntegrationContractTest() {
        super(new TomcatContainer());
    }
}
