package io.sessions4j.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sessions4j.api.signing.DjangoJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed values: what an application keeps through its framework's session API ({@code HttpSession}, Spring
 * Security, Javalin...) comes back as the same Java type on the next request — records, POJOs, enums,
 * {@code Long}, {@code BigDecimal}, {@code java.time} values, {@code Date}, {@code UUID} — by one allowlisted mechanism shared by every
 * integration. Reach it with {@link SessionStore#putTyped} / {@link SessionStore#getTyped}; integrations
 * configure it once through {@link SessionEngine#typedValues()}.
 *
 * <h2>Stored form</h2>
 * The session stays a plain JSON object keyed by attribute name, and a value that JSON already gives back as
 * itself stays plain: {@code String}, {@code Boolean}, {@code Integer}, {@code Double}, {@code null}, a
 * {@code Long} or {@code BigInteger} too large for the narrower type, and lists and {@code String}-keyed maps of
 * such values. Only a value that needs its Java type is wrapped, in place:
 * <pre>{@code {"cart":["book","pen"],"profile":{"@type":"com.example.Profile","@value":{"name":"Ada","age":36}}}}</pre>
 * so a Django app sharing the store reads every plain key as before (and a typed one as a dict).
 * Wrappers nest: a {@code List<Profile>} is a JSON array of wrappers. Inside a wrapper Jackson writes the object
 * with the typed-values mapper (records and POJOs by their properties, {@code BigDecimal} as a string so its scale
 * survives, {@code java.time} as ISO-8601). A {@code Set} is kept as {@code {"@type":"java.util.Set","@value":[...]}}
 * and read back as a {@code LinkedHashSet}; a plain map that happens to have exactly the keys {@code @type} and
 * {@code @value} is kept as {@code {"@type":"java.util.Map","@value":{...}}}. Maps need {@code String} keys.
 *
 * <h2>Allowlist</h2>
 * Only allowlisted classes are written or instantiated: the JDK value types above, {@code java.time.*}, and what
 * the application adds —
 * <ul>
 *   <li>the setting {@code sessions.serializer.allowed_types}: comma-separated binary class names
 *       ({@code com.example.Profile}) and package prefixes ({@code com.example.model.*}, sub-packages included);
 *       a prefix must have at least two segments;</li>
 *   <li>in code, at start-up: {@code engine.typedValues().allow(Profile.class)} or {@code .allow("com.example.model.*")};
 *       an integration may also {@link #registerModule register a Jackson module} (mixins) for every typed value,
 *       or {@link #registerModules(Collection, String...) modules for its own types only} — Spring Security's
 *       {@code SecurityJackson2Modules}, whose default typing then stays inside Spring Security's values. Modules
 *       never touch the session object itself, whose JSON stays free of type information.</li>
 * </ul>
 * A value of another type is refused by {@link #encode} with an {@link IllegalArgumentException} that names the type
 * and how to allow it. A stored type name outside the allowlist is never loaded: {@link #decode} logs a WARN (session
 * key abbreviated, attribute name, type) and reads that value as {@code null}; the rest of the session stays. So does
 * a stored value whose class is gone or no longer fits. Classes named inside an allowed value by
 * {@code @JsonTypeInfo(use = CLASS)} are checked against the same list (Jackson's {@code PolymorphicTypeValidator}).
 *
 * <p>Values are converted when put: change an object and put it again to keep the change (the Servlet
 * specification asks the same of distributable sessions). Generic element types are only as good as the declared
 * field types: inside a record, {@code List<Long>} comes back as longs; a raw {@code Object} field gets JSON values.
 *
 * <p>Thread-safe. Configure at start-up, before requests arrive; every change is visible to later calls.
 */
public final class TypedValues {
    /** Key of the type name in a wrapped value. */
    public static final String TYPE_KEY = "@type";
    /** Key of the JSON form in a wrapped value. */
    public static final String VALUE_KEY = "@value";

    private static final String SET_TYPE = "java.util.Set";
    private static final String MAP_TYPE = "java.util.Map";
    private static final Logger LOG = LoggerFactory.getLogger(TypedValues.class);

    private final JsonSessionSerializer plain = new JsonSessionSerializer();
    private volatile Config config;

    /** A Jackson mapper and the types it writes and reads (scoped mappers only: see {@link #registerModules}). */
    private record Scope(TypeAllowlist types, List<Module> modules, ObjectMapper mapper) {
    }

    private record Config(TypeAllowlist allowlist, List<Module> modules, ObjectMapper mapper, List<Scope> scopes) {
        Config {
            modules = List.copyOf(modules);
            scopes = List.copyOf(scopes);
        }

        static Config of(TypeAllowlist allowlist, List<Module> modules, List<Scope> scopes) {
            List<Scope> rebuilt = new ArrayList<>();
            for (Scope scope : scopes) {
                List<Module> all = new ArrayList<>(modules);
                all.addAll(scope.modules());
                rebuilt.add(new Scope(scope.types(), scope.modules(), typedMapper(null, all)));
            }
            return new Config(allowlist, modules, typedMapper(allowlist, modules), rebuilt);
        }

        ObjectMapper mapperFor(String type) {
            for (Scope scope : scopes) {
                if (scope.types().allows(type)) {
                    return scope.mapper();
                }
            }
            return mapper;
        }
    }

    /**
     * @param allowedTypes class names and {@code package.*} prefixes allowed beyond the built-in JDK value types
     * @throws IllegalArgumentException naming an entry that is neither, or a prefix that is too broad
     */
    public TypedValues(Collection<String> allowedTypes) {
        this.config = Config.of(TypeAllowlist.BUILT_IN.with(allowedTypes), List.of(), List.of());
    }

    /** From {@code sessions.serializer.allowed_types}. */
    static TypedValues fromSettings(SessionSettings settings) {
        return new TypedValues(settings.get(CoreSettings.ALLOWED_TYPES));
    }

    /** Allows these classes (and arrays of them). */
    public synchronized TypedValues allow(Class<?>... types) {
        return allow(Arrays.stream(types).map(Class::getName).toArray(String[]::new));
    }

    /**
     * Allows classes by binary name or package prefix ({@code com.example.model.*}), as the setting does.
     *
     * @throws IllegalArgumentException for an entry that is neither, or a prefix that is too broad
     */
    public synchronized TypedValues allow(String... classNamesOrPrefixes) {
        Config c = config;
        config = Config.of(c.allowlist().with(List.of(classNamesOrPrefixes)), c.modules(), c.scopes());
        return this;
    }

    /**
     * Adds a Jackson module (mixins, serializers) to the mapper of every typed value. The allowlist still decides
     * which types may be kept. A module that switches on its own polymorphic typing belongs in {@link #registerModules}.
     */
    public synchronized TypedValues registerModule(Module module) {
        Config c = config;
        List<Module> modules = new ArrayList<>(c.modules());
        modules.add(module);
        config = Config.of(c.allowlist(), modules, c.scopes());
        return this;
    }

    /**
     * Allows {@code types} (class names or {@code package.*} prefixes) and writes and reads values of those types
     * with a mapper of their own that has these modules — for a library's modules that bring their own type handling
     * and allowlist, such as Spring Security's:
     * <pre>{@code engine.typedValues().registerModules(SecurityJackson2Modules.getModules(loader),
     *         "org.springframework.security.*");}</pre>
     * Inside such a value the modules' own type validation applies; other typed values never see these modules, so
     * their default typing stays confined to the library's types.
     *
     * @throws IllegalArgumentException for an entry that is neither a class name nor a package prefix, or too broad
     */
    public synchronized TypedValues registerModules(Collection<? extends Module> modules, String... types) {
        Config c = config;
        List<Scope> scopes = new ArrayList<>(c.scopes());
        TypeAllowlist scopeTypes = TypeAllowlist.NONE.with(List.of(types));
        scopes.add(new Scope(scopeTypes, List.copyOf(modules), null));
        config = Config.of(c.allowlist().with(List.of(types)), c.modules(), scopes);
        return this;
    }

    /** Whether {@code type} may be kept as a typed value. */
    public boolean isAllowed(Class<?> type) {
        return config.allowlist().allows(type.getName());
    }

    /**
     * The JSON value ({@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean}, null) that keeps
     * {@code value} and its Java type, as described in the class comment. Checked now: the result reads back.
     *
     * @throws IllegalArgumentException when the value's type (or a type inside it) is not allowed, a map has a
     *                                  key that is not a String, or Jackson cannot write or read the value
     */
    public Object encode(Object value) {
        Config c = config;
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Long l && (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE)) {
            return l; // JSON gives it back as a Long
        }
        if (value instanceof BigInteger b && b.bitLength() > 63) {
            return b; // JSON gives it back as a BigInteger
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(encode(v)));
            return out;
        }
        if (value instanceof Set<?> set) {
            List<Object> out = new ArrayList<>(set.size());
            set.forEach(v -> out.add(encode(v)));
            return wrap(SET_TYPE, out);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!(k instanceof String name)) {
                    throw new IllegalArgumentException("Session values need String map keys, not "
                            + (k == null ? "null" : k.getClass().getName()) + ": use a record with typed fields instead");
                }
                out.put(name, encode(v));
            });
            return isWrapper(out) ? wrap(MAP_TYPE, out) : out;
        }
        return encodeObject(c, value);
    }

    private Object encodeObject(Config c, Object value) {
        // An enum constant with a body is an anonymous subclass; its enum is the type to name and to read.
        Class<?> javaType = value instanceof Enum<?> constant ? constant.getDeclaringClass() : value.getClass();
        String type = javaType.getName();
        if (!c.allowlist().allows(type)) {
            throw new IllegalArgumentException("Type " + type + " is not allowed in sessions: add it (or its package, e.g. "
                    + packagePattern(javaType) + ") to sessions.serializer.allowed_types, or call "
                    + "SessionEngine.typedValues().allow(" + javaType.getSimpleName() + ".class) at start-up");
        }
        Object json;
        try {
            json = plain.read(c.mapperFor(type).writeValueAsBytes(value));
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot keep a " + type + " in the session: it is not writable as JSON ("
                    + e.getMessage() + ")", e);
        }
        try {
            c.mapperFor(type).readValue(plain.write(json), javaType);
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot keep a " + type + " in the session: Jackson writes it but cannot "
                    + "read it back (give it a constructor Jackson can use, e.g. make it a record): " + e.getMessage(), e);
        }
        return wrap(type, json);
    }

    /**
     * Turns what {@link #encode} produced (or any plain JSON value) back into Java values. Never throws: a wrapped
     * value whose type is not allowed, not present or does not fit is logged at WARN and read as {@code null}.
     *
     * @param where names the value in that log line, e.g. {@code "session abcd…, attribute profile"}; never a whole key
     */
    public Object decode(Object stored, Supplier<String> where) {
        if (stored instanceof Map<?, ?> map) {
            if (isWrapper(map)) {
                return decodeWrapped((String) map.get(TYPE_KEY), map.get(VALUE_KEY), where);
            }
            return decodeEntries(map, where);
        }
        if (stored instanceof List<?> list) {
            List<Object> out = null; // copied only once a wrapped value is found: plain JSON is returned as is
            for (int i = 0; i < list.size(); i++) {
                Object value = list.get(i);
                Object decoded = decode(value, where);
                if (decoded != value && out == null) {
                    out = new ArrayList<>(list.subList(0, i));
                }
                if (out != null) {
                    out.add(decoded);
                }
            }
            return out != null ? out : list;
        }
        return stored;
    }

    private Map<?, ?> decodeEntries(Map<?, ?> map, Supplier<String> where) {
        Map<String, Object> out = null; // copied only once a wrapped value is found, as for lists
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object decoded = decode(e.getValue(), where);
            if (decoded != e.getValue() && out == null) {
                out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> before : map.entrySet()) {
                    if (before.getKey().equals(e.getKey())) {
                        break;
                    }
                    out.put((String) before.getKey(), before.getValue());
                }
            }
            if (out != null) {
                out.put((String) e.getKey(), decoded);
            }
        }
        return out != null ? out : map;
    }

    private Object decodeWrapped(String type, Object json, Supplier<String> where) {
        if (SET_TYPE.equals(type) && json instanceof List<?> list) {
            Set<Object> out = new LinkedHashSet<>();
            list.forEach(v -> out.add(decode(v, where)));
            return out;
        }
        if (MAP_TYPE.equals(type) && json instanceof Map<?, ?> map) {
            return decodeEntries(map, where);
        }
        Config c = config;
        if (!c.allowlist().allows(type)) {
            LOG.warn("Typed session value ignored ({}): type {} is not allowed; add it to sessions.serializer.allowed_types "
                    + "if it should be", where.get(), type);
            return null;
        }
        try {
            return c.mapperFor(type).readValue(plain.write(json), Class.forName(type, false, classLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.warn("Typed session value ignored ({}): type {} is not on the class path", where.get(), type);
        } catch (Exception e) {
            LOG.warn("Typed session value ignored ({}): it no longer reads as {}: {}", where.get(), type, e.getMessage());
        }
        return null;
    }

    private static boolean isWrapper(Map<?, ?> map) {
        return map.size() == 2 && map.get(TYPE_KEY) instanceof String && map.containsKey(VALUE_KEY);
    }

    private static Map<String, Object> wrap(String type, Object json) {
        Map<String, Object> wrapped = new LinkedHashMap<>(4);
        wrapped.put(TYPE_KEY, type);
        wrapped.put(VALUE_KEY, json);
        return wrapped;
    }

    private static String packagePattern(Class<?> type) {
        String pkg = type.getPackageName();
        return pkg.isEmpty() ? type.getName() : pkg + ".*";
    }

    /** The web application's class loader when there is one (servlet containers, Spring Boot jars), else ours. */
    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : TypedValues.class.getClassLoader();
    }

    /** The mapper of typed values; {@code allowlist} validates {@code @JsonTypeInfo} class names (null: the modules do). */
    private static ObjectMapper typedMapper(TypeAllowlist allowlist, List<Module> modules) {
        ObjectMapper mapper = DjangoJson.mapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        if (allowlist != null) {
            mapper.setPolymorphicTypeValidator(allowlist.validator());
        }
        // A JSON number has no scale; a string keeps 1.10 as 1.10.
        mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        modules.forEach(mapper::registerModule);
        return mapper;
    }

    @Override
    public String toString() {
        return "TypedValues" + config.allowlist();
    }
}
