package io.sessions4j.bench.http;

import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Load-independent counters of running benchmark servers for {@code sessions-bench/request-cpu.sh}: attaches to
 * each JVM once (local management agent) and, for every line read on standard input, prints one line per server:
 * {@code <pid> <process CPU ns> <bytes allocated by all threads> <requests handled> <handler thread CPU ns>}, the
 * last two from the server's {@link RequestMeter} (-1 when it has none). Divided by the requests between two
 * snapshots: what a request costs. Allocation and the handler's thread CPU time do not depend on the machine's
 * load; process CPU time does (wake-ups, batching), so it is only compared within a round.
 *
 * <p>Usage: {@code ServerMeter <pid>...}; ends at the end of its input.
 */
public final class ServerMeter {
    private ServerMeter() {
    }

    public static void main(String[] args) throws Exception {
        List<MBeanServerConnection> servers = new ArrayList<>();
        List<JMXConnector> connectors = new ArrayList<>();
        for (String pid : args) {
            VirtualMachine vm = VirtualMachine.attach(pid);
            String address = vm.startLocalManagementAgent();
            vm.detach();
            JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            connectors.add(connector);
            servers.add(connector.getMBeanServerConnection());
        }
        ObjectName os = new ObjectName(ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME);
        ObjectName threads = new ObjectName(ManagementFactory.THREAD_MXBEAN_NAME);
        ObjectName meter = new ObjectName(RequestMeter.NAME);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < servers.size(); i++) {
                MBeanServerConnection server = servers.get(i);
                long cpu = (Long) server.getAttribute(os, "ProcessCpuTime");
                long allocated = (Long) server.getAttribute(threads, "TotalThreadAllocatedBytes");
                boolean metered = server.isRegistered(meter);
                long handled = metered ? (Long) server.getAttribute(meter, "HandledRequests") : -1;
                long handleCpu = metered ? (Long) server.getAttribute(meter, "HandleCpuNanos") : -1;
                out.append(args[i]).append(' ').append(cpu).append(' ').append(allocated).append(' ').append(handled)
                        .append(' ').append(handleCpu).append('\n');
            }
            System.out.print(out);
            System.out.flush();
        }
        for (JMXConnector connector : connectors) {
            connector.close();
        }
    }
}
