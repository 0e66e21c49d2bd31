package io.sessions4j.api;

import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The classes {@link TypedValues} may name in stored data and instantiate: exact class names plus package
 * prefixes. Immutable; {@link #with} returns a larger copy.
 *
 * <p>An entry is a binary class name ({@code com.example.Profile}, {@code com.example.Outer$Inner}) or a
 * package prefix ending in {@code .*} or {@code .} ({@code com.example.model.*} allows that package and its
 * sub-packages). Prefixes shorter than two segments ({@code com.*}, {@code java.*}, {@code *}) are refused:
 * they would allow the gadget classes of every library on the class path.
 */
final class TypeAllowlist {
    /** Value types of the JDK every application may keep without configuring anything. */
    static final TypeAllowlist BUILT_IN = new TypeAllowlist(Set.of(
            "java.lang.String", "java.lang.Boolean", "java.lang.Character", "java.lang.Byte", "java.lang.Short",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.math.BigInteger", "java.math.BigDecimal", "java.util.UUID", "java.util.Locale", "java.util.Date", "java.net.URI"),
            List.of("java.time."));

    /** Nothing: the start of a list of exactly the given entries. */
    static final TypeAllowlist NONE = new TypeAllowlist(Set.of(), List.of());

    private static final Pattern CLASS_NAME = Pattern.compile(
            "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");

    private final Set<String> classes;
    private final List<String> prefixes;

    private TypeAllowlist(Set<String> classes, List<String> prefixes) {
        this.classes = Set.copyOf(classes);
        this.prefixes = List.copyOf(prefixes);
    }

    /**
     * This list plus {@code entries} (class names or {@code package.*} prefixes).
     *
     * @throws IllegalArgumentException naming the first entry that is neither, or a prefix that is too broad
     */
    TypeAllowlist with(Collection<String> entries) {
        Set<String> moreClasses = new LinkedHashSet<>(classes);
        List<String> morePrefixes = new ArrayList<>(prefixes);
        for (String raw : entries) {
            String entry = raw.trim();
            boolean prefix = entry.endsWith(".*") || entry.endsWith(".");
            String name = entry.endsWith(".*") ? entry.substring(0, entry.length() - 2)
                    : prefix ? entry.substring(0, entry.length() - 1) : entry;
            if (!CLASS_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + raw + "' is neither a class name nor a package prefix like com.example.model.*");
            }
            if (prefix && name.indexOf('.') < 0) {
                throw new IllegalArgumentException("'" + raw + "' is too broad: name a package of your application, like com.example.model.*");
            }
            if (prefix) {
                morePrefixes.add(name + ".");
            } else {
                moreClasses.add(name);
            }
        }
        return new TypeAllowlist(moreClasses, morePrefixes);
    }

    /** Whether a class of this binary name may be written and instantiated; arrays by their component type. */
    boolean allows(String className) {
        if (className.startsWith("[")) {
            return allowsArray(className.substring(1));
        }
        if (classes.contains(className)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    // JVM descriptors: "[I" (int[]), "[Lcom.example.Item;" (Item[]), "[[J" (long[][]).
    private boolean allowsArray(String component) {
        if (component.startsWith("[")) {
            return allowsArray(component.substring(1));
        }
        if (component.length() == 1) {
            return "ZBCSIJFD".contains(component);
        }
        return component.startsWith("L") && component.endsWith(";") && allows(component.substring(1, component.length() - 1));
    }

    /**
     * The same list as a Jackson validator, so classes named by {@code @JsonTypeInfo(use = CLASS)} inside an
     * allowed type are checked too.
     */
    PolymorphicTypeValidator validator() {
        return new PolymorphicTypeValidator.Base() {
            private static final long serialVersionUID = 1L;

            @Override
            public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType, String subClassName) {
                return allows(subClassName) ? Validity.ALLOWED : Validity.DENIED;
            }

            @Override
            public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
                return allows(subType.getRawClass().getName()) ? Validity.ALLOWED : Validity.DENIED;
            }
        };
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>(classes);
        prefixes.forEach(p -> all.add(p + "*"));
        return all.toString();
    }
}
