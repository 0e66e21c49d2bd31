package io.sessions4j.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** The end-to-end suite on embedded Tomcat 10.1, whose StandardManager would issue JSESSIONIDs if asked. */
class TomcatSessionFilterTest extends SessionFilterEndToEndTest {
    private final java.util.List<Tomcat> tomcats = new java.util.ArrayList<>();
    private final java.util.List<Path> baseDirs = new java.util.ArrayList<>();

    @Override
    protected URI start(Filter filter, Map<String, HttpServlet> servlets) throws Exception {
        Path baseDir = Files.createTempDirectory("sessions4j-tomcat-");
        baseDirs.add(baseDir);
        Tomcat tomcat = new Tomcat();
        tomcats.add(tomcat);
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);

        Context context = tomcat.addContext("", baseDir.toString());
        FilterDef def = new FilterDef();
        def.setFilterName("sessions");
        def.setFilter(filter);
        def.setAsyncSupported("true");
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("sessions");
        map.addURLPattern("/*");
        map.setDispatcher("REQUEST");
        map.setDispatcher("ASYNC");
        map.setDispatcher("ERROR");
        context.addFilterMap(map);
        int i = 0;
        for (Map.Entry<String, HttpServlet> e : servlets.entrySet()) {
            String name = "servlet" + i++;
            Wrapper wrapper = Tomcat.addServlet(context, name, e.getValue());
            wrapper.setAsyncSupported(true);
            context.addServletMappingDecoded(e.getKey(), name);
        }
        ErrorPage errorPage = new ErrorPage();
        errorPage.setErrorCode(409);
        errorPage.setLocation("/error-page");
        context.addErrorPage(errorPage);
        tomcat.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    protected void stop() throws Exception {
        for (Tomcat tomcat : tomcats) {
            tomcat.stop();
            tomcat.destroy();
        }
        for (Path baseDir : baseDirs) {
            try (Stream<Path> files = Files.walk(baseDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
