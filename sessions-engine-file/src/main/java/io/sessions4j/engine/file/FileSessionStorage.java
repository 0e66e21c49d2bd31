package io.sessions4j.engine.file;

import io.sessions4j.api.CreateException;
import io.sessions4j.api.PrivateDirectory;
import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionCounts;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.api.users.PrincipalIndex;
import io.sessions4j.api.users.PrincipalIndexed;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionTooLargeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions as files, one per session, laid out as Django's file backend does so that both can
 * share a directory: the file {@code <cookie name><key>} holds exactly Django's encoded
 * {@code session_data}, owner-only ({@code 0600}) where the file system has POSIX permissions.
 *
 * <ul>
 *   <li><b>Names.</b> A key reaches the file system only after {@link io.sessions4j.api.SessionKeys#isValid}
 *       (checked again here) and a check that the name resolves to a direct child of the
 *       directory; anything else is "no session" and touches nothing.</li>
 *   <li><b>Writes</b> go to a temporary file beside the session, which is then moved over it with
 *       {@link StandardCopyOption#ATOMIC_MOVE}: a reader sees the old or the new content, never a
 *       part. Reads take no lock.</li>
 *   <li><b>Compare-and-set.</b> {@link #create}, {@link #replace}, {@link #delete} and the removal
 *       in {@link #clearExpired} run under the session's lock (one byte of the permanent lock file
 *       {@code .sessions4j.lock}), which excludes writers in this JVM and in other processes;
 *       {@code replace} re-reads the file under it and writes only if the content is still what
 *       the caller loaded (the content is the version). Django writes without that lock, so between
 *       this library and Django the last writer wins, as between two Django processes.</li>
 *   <li><b>Expiry</b> is the file's modification time (set to the injected clock on every write)
 *       plus the cookie age, or the data's own {@code _session_expiry} (a date, or seconds after the
 *       modification time). This is what Django computes for the same file, so each side expires
 *       the other's sessions correctly; it costs one extra decode of the data per load.</li>
 *   <li><b>Leftovers.</b> A temporary file of an interrupted write, or an empty file of an
 *       interrupted create, is never read as a session; {@link #clearExpired} removes them once
 *       they are {@link #LEFTOVER_AGE} old.</li>
 * </ul>
 *
 * <p>Every failure of the file system is a {@link SessionStorageException} naming the engine and
 * the file; the key in a file name is shortened in messages, because a session key is a
 * credential.
 */
public final class FileSessionStorage implements SessionStorage, PrincipalIndexed {
    /** How old a temporary or empty file must be before {@link #clearExpired} takes it for a leftover of a crash. */
    public static final Duration LEFTOVER_AGE = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(FileSessionStorage.class);
    private static final int PROGRESS_EVERY = 1000;
    /** The largest array length every JVM allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final Set<OpenOption> READ_NO_LINKS = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    private static final Set<StandardOpenOption> CREATE_NEW = EnumSet.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);

    private final SessionFileNames names;
    private final Clock clock;
    private final StoredExpiry expiry;
    private final DirectoryLock locks;
    private final FileAttribute<?>[] ownerOnly;
    private final FileOptions options;
    private volatile boolean closed;
    private final FilePrincipalIndex principalIndex;

    private FileSessionStorage(SessionFileNames names, Clock clock, StoredExpiry expiry, DirectoryLock locks,
                               FileAttribute<?>[] ownerOnly, FileOptions options, String filePrefix) {
        this.names = names;
        this.principalIndex = new FilePrincipalIndex(names, filePrefix);
        this.clock = clock;
        this.expiry = expiry;
        this.locks = locks;
        this.ownerOnly = ownerOnly;
        this.options = options;
    }

    /** {@link #open(Path, String, SessionContext, FileOptions)} with {@link FileOptions#DEFAULTS}. */
    public static FileSessionStorage open(Path directory, String filePrefix, SessionContext context) {
        return open(directory, filePrefix, context, FileOptions.DEFAULTS);
    }

    /**
     * Opens the storage on an existing directory, checking now that it is private to this user
     * ({@link PrivateDirectory}) and can be listed and written.
     *
     * @param directory  where the session files are ({@code sessions.file.path})
     * @param filePrefix the first part of every file name: the session cookie name, as in Django
     * @param context    the engine's context: clock, cookie age, secrets (to read each file's expiry)
     * @param options    size and lock-wait limits
     * @throws SessionConfigurationException naming the directory and {@code sessions.file.path} when it
     *                                       is missing, not a directory, not writable, open to other
     *                                       users, or its lock file is not a private regular file
     */
    public static FileSessionStorage open(Path directory, String filePrefix, SessionContext context,
                                          FileOptions options) {
        Path real = checkDirectory(directory);
        FileAttribute<?>[] ownerOnly = real.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        SessionFileNames names = new SessionFileNames(real, filePrefix);
        if (names.sessionFile("a".repeat(8)).isEmpty()) {
            throw new SessionConfigurationException("The cookie name '" + filePrefix
                    + "' cannot start a file name in " + real + " (sessions.file.path)");
        }
        probeWritable(names, ownerOnly);
        DirectoryLock locks;
        try {
            locks = DirectoryLock.acquire(real, ownerOnly);
        } catch (DirectoryLock.UnsafeLockFileException e) {
            throw new SessionConfigurationException(e.getMessage() + " (sessions.file.path=" + real + "). Remove it; "
                    + "the engine creates it owner-only.", e);
        } catch (IOException e) {
            throw new SessionConfigurationException(notWritable(real, e), e);
        }
        LOG.debug("File session storage in {}", real);
        return new FileSessionStorage(names, context.clock(), new StoredExpiry(context), locks, ownerOnly, options,
                filePrefix);
    }

    /** An index directory beside the session files; see {@link FilePrincipalIndex}. */
    @Override
    public Optional<PrincipalIndex> principalIndex() {
        return Optional.of(principalIndex);
    }

    /** The directory of the session files, as a real path. */
    public Path directory() {
        return names.directory();
    }

    @Override
    public Optional<Stored> load(String key, Instant now) {
        Optional<Path> file = names.sessionFile(key);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        return io("read", file.get(), () -> {
            Snapshot current = read(file.get()); // a planted FIFO, link or huge file: refused, never waited on
            if (current == null || current.data().isEmpty()) {
                return Optional.empty(); // no session, or the empty file of a create in progress
            }
            // No expiry: the store judges it from the modification time and the data it decodes anyway, so
            // a read decodes once.
            return Optional.of(new Stored(key, current.data(), null, current.modified().toInstant()));
        });
    }

    @Override
    public boolean exists(String key, Instant now) {
        Optional<Path> file = names.sessionFile(key);
        if (file.isEmpty()) {
            return false;
        }
        return io("read", file.get(), () -> {
            Snapshot current = read(file.get());
            return current != null && !current.data().isEmpty() && expiryOf(current).isAfter(now);
        });
    }

    @Override
    public Stored create(String key, String data, Instant expiry) {
        Path file = names.sessionFile(key).orElseThrow(() -> new IllegalArgumentException("Not a valid session key"));
        checkSize(data);
        return io("create", file, () -> locked(key, () -> {
            // The empty file claims the name, also against Django's O_EXCL create; readers take it
            // for "no session" until the content is moved over it.
            try {
                Files.newByteChannel(file, CREATE_NEW, ownerOnly).close();
            } catch (FileAlreadyExistsException e) {
                throw new CreateException("Session key already exists");
            }
            try {
                writeAtomically(file, data);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(file);
                throw e;
            }
            return new Stored(key, data, expiry);
        }));
    }

    @Override
    public Optional<Stored> replace(String key, Stored expected, String data, Instant expiry) {
        Optional<Path> file = names.sessionFile(key);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        checkSize(data);
        return io("write", file.get(), () -> locked(key, () -> {
            Snapshot current = read(file.get());
            if (current == null) {
                return Optional.empty(); // deleted meanwhile: never resurrect it
            }
            if (expected != null && !current.data().equals(expected.data())) {
                return Optional.empty(); // another request saved first
            }
            writeAtomically(file.get(), data);
            return Optional.of(new Stored(key, data, expiry));
        }));
    }

    @Override
    public boolean delete(String key) {
        Optional<Path> file = names.sessionFile(key);
        if (file.isEmpty()) {
            return false;
        }
        // Under the lock, so a replace that read the file before cannot move its copy back.
        return io("delete", file.get(), () -> locked(key, () -> Files.deleteIfExists(file.get())));
    }

    /**
     * Scans the directory (streaming, never listing it into memory) and removes the expired session
     * files of this cookie name, re-checking each under its lock so that a session saved meanwhile
     * survives. Also removes leftovers older than {@link #LEFTOVER_AGE}: temporary files of
     * interrupted writes (not counted) and empty session files of interrupted creates (counted).
     * Files that are not named like sessions or temporary files of this cookie name are never touched.
     *
     * @param progress told the running count every 1,000 removals and at the end
     * @throws SessionStorageException when the directory cannot be listed, or after the scan when
     *                                 some files could not be read or removed (the others were)
     */
    @Override
    public long clearExpired(Instant now, LongConsumer progress) {
        Instant leftoverBefore = now.minus(LEFTOVER_AGE);
        long[] removed = {0};
        long[] leftovers = {0};
        long[] failures = {0};
        String[] firstFailure = {null};
        scan(() -> "after removing " + removed[0] + " expired sessions", (entry, key, tempKey) -> {
            try {
                if (key != null) {
                    if (removeIfExpired(entry, key, now, leftoverBefore) && ++removed[0] % PROGRESS_EVERY == 0) {
                        progress.accept(removed[0]);
                    }
                } else if (tempKey != null && removeLeftover(entry, tempKey, leftoverBefore)) {
                    leftovers[0]++;
                }
            } catch (RefusedFileException e) {
                LOG.warn("clearExpired: skipped {}: {}", names.redacted(entry), e.getMessage());
            } catch (IOException e) {
                failures[0]++;
                if (firstFailure[0] == null) {
                    firstFailure[0] = names.redacted(entry) + ": " + describe(e);
                }
                if (failures[0] <= 10) { // a read-only directory fails every file: do not flood the log
                    LOG.warn("clearExpired: cannot remove {}: {}", names.redacted(entry), describe(e));
                }
            }
        });
        if (removed[0] % PROGRESS_EVERY != 0) {
            progress.accept(removed[0]);
        }
        if (leftovers[0] > 0) {
            LOG.info("clearExpired: removed {} leftover temporary files of interrupted writes in {}",
                    leftovers[0], names.directory());
        }
        if (failures[0] > 0) {
            throw new SessionStorageException("file engine: removed " + removed[0] + " expired sessions in "
                    + names.directory() + " but could not remove " + failures[0] + " files; first: " + firstFailure[0]);
        }
        return removed[0];
    }

    /**
     * Counts the session files of this cookie name by streaming the directory, as {@link #clearExpired}
     * does, judging each file by the same rule: live files, and expired ones that {@code clearExpired}
     * would remove now (an empty file of an interrupted create counts as expired once it is
     * {@link #LEFTOVER_AGE} old; a younger one is a create in progress and not counted). Reads every
     * file, takes no lock, changes nothing; temporary, foreign and refused files are not counted.
     *
     * @throws SessionStorageException when the directory cannot be listed or a session file cannot be read
     */
    @Override
    public Optional<SessionCounts> count(Instant now) {
        Instant leftoverBefore = now.minus(LEFTOVER_AGE);
        long[] live = {0};
        long[] expired = {0};
        scan(() -> "to count sessions", (entry, key, tempKey) -> {
            if (key == null) {
                return;
            }
            Snapshot seen;
            try {
                seen = read(entry);
            } catch (RefusedFileException e) {
                return;
            }
            if (seen == null) {
                return; // removed since it was listed
            }
            if (seen.data().isEmpty()) {
                if (seen.modified().toInstant().isBefore(leftoverBefore)) {
                    expired[0]++;
                }
            } else if (expiryOf(seen).isAfter(now)) {
                live[0]++;
            } else {
                expired[0]++;
            }
        });
        return Optional.of(new SessionCounts(live[0], expired[0]));
    }

    /** What {@link #scan} does with one directory entry: {@code key} or {@code tempKey} is set when the name is ours. */
    private interface EntryVisitor {
        void visit(Path entry, String key, String tempKey) throws IOException;
    }

    /**
     * Streams the directory (never listing it into memory) with the caller's interrupt flag set
     * aside, handing each entry to {@code visitor}. An {@link IOException} of the listing or of the
     * visitor ends the scan as a {@link SessionStorageException} naming the file (redacted).
     *
     * @param purpose ends the failure message, e.g. "to count sessions"
     */
    private void scan(Supplier<String> purpose, EntryVisitor visitor) {
        ensureOpen();
        Path directory = names.directory();
        boolean interrupted = Thread.interrupted();
        Path current = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String key = names.keyOf(name);
                current = entry;
                visitor.visit(entry, key, key == null ? names.tempKeyOf(name) : null);
                current = null;
            }
        } catch (IOException | DirectoryIteratorException e) {
            IOException cause = e instanceof DirectoryIteratorException d ? d.getCause() : (IOException) e;
            String what = current == null ? "list session directory " + directory
                    : "read session file " + names.redacted(current);
            throw new SessionStorageException("file engine: cannot " + what + " (sessions.file.path) " + purpose.get() + ": "
                    + describe(cause), redactedCause(cause));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            locks.release();
        }
    }

    @Override
    public String toString() {
        return "FileSessionStorage[" + names.directory() + "]";
    }

    // --- internals ------------------------------------------------------------------------------

    /** Content and modification time of a file, read in that order (see {@link #read}). */
    private record Snapshot(String data, FileTime modified) {
    }

    /**
     * Reads a session file; null when it does not exist. Only a regular file of at most
     * {@link FileOptions#maxFileBytes()} is opened: a symbolic link, a FIFO (whose open would block
     * until some writer came), a device or a huge file planted under a session's name is refused
     * with a {@link RefusedFileException} before it is opened. The file is then opened without
     * following links and read from the channel up to the bound only, so a file that grew after the
     * check is refused too, never read into memory whole. A FIFO swapped in between the check and
     * the open could still block that open: only this user can do that, as the directory is
     * private ({@link PrivateDirectory}).
     *
     * <p>The time is read after the content, so it is that of the content read or of a newer
     * write: a race can only make a session look younger than it is, never expire a live one.
     */
    private Snapshot read(Path file) throws IOException {
        BasicFileAttributes before;
        try {
            before = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        refuseUnlessSessionFile(before);
        String data;
        try (SeekableByteChannel channel = Files.newByteChannel(file, READ_NO_LINKS)) {
            data = readAtMost(channel, before.size(), options.maxFileBytes());
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            FileTime modified = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .lastModifiedTime();
            return new Snapshot(data, modified);
        } catch (NoSuchFileException e) {
            return null; // deleted right after the read
        }
    }

    private void refuseUnlessSessionFile(BasicFileAttributes attributes) throws RefusedFileException {
        if (!attributes.isRegularFile()) {
            throw new RefusedFileException(attributes.isSymbolicLink() ? "a symbolic link, not a regular file"
                    : "not a regular file (a FIFO, device or directory)");
        }
        if (attributes.size() > options.maxFileBytes()) {
            throw new RefusedFileException("larger than sessions.file.max_bytes=" + options.maxFileBytes());
        }
    }

    /**
     * The channel's content as UTF-8, refused when it holds more than {@code max} bytes (it grew since it was
     * checked). The bytes go straight into one array of the size the file had when checked, plus one byte so that
     * the end of the file is seen without a second array: no 8 KiB buffer and no copies per read (issue #20: the
     * buffer was half of what a read allocated). A file that grew meanwhile gets a larger array, up to the bound.
     */
    static String readAtMost(SeekableByteChannel channel, long sizeSeen, long max) throws IOException {
        long limit = Math.min(max, MAX_ARRAY - 1);
        byte[] bytes = new byte[(int) (Math.min(Math.max(sizeSeen, 0), limit) + 1)];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (channel.read(buffer) >= 0) {
            if (!buffer.hasRemaining()) {
                if (buffer.position() > limit) {
                    throw new RefusedFileException("larger than sessions.file.max_bytes=" + max);
                }
                int read = buffer.position();
                bytes = Arrays.copyOf(bytes, (int) Math.min(limit + 1, 2L * bytes.length));
                buffer = ByteBuffer.wrap(bytes);
                buffer.position(read);
            }
        }
        return new String(bytes, 0, buffer.position(), StandardCharsets.UTF_8);
    }

    /** A file under a session's name that this engine does not read: not a regular file, or too large. */
    static final class RefusedFileException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        RefusedFileException(String reason) {
            super(null, null, reason);
        }
    }

    private void checkSize(String data) {
        // UTF-8 takes at most 3 bytes per char of a Java string; count exactly only near the bound.
        long bytes = (long) data.length() * 3 <= options.maxFileBytes() ? 0 : data.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > options.maxFileBytes()) {
            throw new SessionTooLargeException("file engine: encoded session of " + bytes + " bytes exceeds "
                    + "sessions.file.max_bytes=" + options.maxFileBytes());
        }
    }

    private Instant expiryOf(Snapshot snapshot) {
        return expiry.of(snapshot.data(), snapshot.modified().toInstant());
    }

    /** Writes a temporary file, dates it with the clock, and moves it over {@code file} in one step. */
    private void writeAtomically(Path file, String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        Path temp = names.tempFileFor(file);
        FileChannel created;
        while (true) {
            try {
                created = FileChannel.open(temp, CREATE_NEW, ownerOnly);
                break;
            } catch (FileAlreadyExistsException e) {
                temp = names.tempFileFor(file); // a random name taken: draw another
            }
        }
        boolean moved = false;
        try {
            try (FileChannel out = created) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            // The modification time is the session's "last saved" for Django and for StoredExpiry.
            Files.setLastModifiedTime(temp, FileTime.from(clock.instant()));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
        }
    }

    /** Removes an expired session file (or an old empty one) if it is still the same under its lock. */
    private boolean removeIfExpired(Path file, String key, Instant now, Instant leftoverBefore) throws IOException {
        Snapshot seen = read(file);
        if (seen == null) {
            return false;
        }
        boolean dead = seen.data().isEmpty() ? seen.modified().toInstant().isBefore(leftoverBefore)
                : !expiryOf(seen).isAfter(now);
        if (!dead) {
            return false;
        }
        // Changed since it was judged (saved or deleted meanwhile): left for the next run to judge.
        return locked(key, () -> seen.equals(read(file)) && Files.deleteIfExists(file));
    }

    /**
     * Removes an old temporary file. Under the session's lock, because this library writes its
     * temporary files only while holding it: no write of ours can be in progress, whatever the
     * clocks say. (Django writes without the lock; its writes last milliseconds, not the age.)
     */
    private boolean removeLeftover(Path file, String key, Instant before) throws IOException {
        return locked(key, () -> {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                return attributes.lastModifiedTime().toInstant().isBefore(before) && Files.deleteIfExists(file);
            } catch (NoSuchFileException e) {
                return false; // its write finished meanwhile
            }
        });
    }

    /** Runs {@code body} as the only writer of {@code key} in every process on the directory. */
    @SuppressWarnings("try") // the lock is held, not used
    private <T> T locked(String key, IoAction<T> body) throws IOException {
        ensureOpen();
        try (DirectoryLock.Held held = locks.lock(key, options.lockTimeout())) {
            return body.run();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("file engine: the storage for " + names.directory() + " is closed");
        }
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    /**
     * Runs one file operation. The caller's interrupt flag is set aside meanwhile, because NIO
     * channels close themselves on an interrupted thread: a request thread that was interrupted
     * still reads and saves its session. Failures become {@link SessionStorageException}s.
     */
    private <T> T io(String action, Path file, IoAction<T> body) {
        ensureOpen();
        boolean interrupted = Thread.interrupted();
        try {
            return body.run();
        } catch (IOException e) {
            throw new SessionStorageException("file engine: cannot " + action + " session file " + names.redacted(file)
                    + " (sessions.file.path=" + names.directory() + "): " + describe(e), redactedCause(e));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot remove unfinished session file; clearExpired will: {}", describe(e));
        }
    }

    /** The cause without file names: NIO puts the full path, and so the session key, in its messages. */
    private static String describe(IOException e) {
        if (e instanceof FileSystemException fs) {
            return fs.getClass().getSimpleName() + (fs.getReason() != null ? ": " + fs.getReason() : "");
        }
        return e.toString();
    }

    private static IOException redactedCause(IOException e) {
        IOException copy = new IOException(describe(e));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    // --- start-up checks ----------------------------------------------------------------------

    private static Path checkDirectory(Path directory) {
        Path absolute = directory.toAbsolutePath();
        if (!Files.exists(absolute)) {
            throw new SessionConfigurationException("The session directory " + absolute + " does not exist. Create it, "
                    + "or set sessions.file.path to an existing directory this application can write to.");
        }
        if (!Files.isDirectory(absolute)) {
            throw new SessionConfigurationException("The session path " + absolute + " is not a directory. Set "
                    + "sessions.file.path to an existing directory this application can write to.");
        }
        Path real;
        try {
            real = absolute.toRealPath();
        } catch (IOException e) {
            throw new SessionConfigurationException("The session directory " + absolute
                    + " (sessions.file.path) cannot be read: " + e, e);
        }
        PrivateDirectory.check(real, "sessions.file.path");
        try {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(real)) {
                entries.iterator().hasNext();
            }
            return real;
        } catch (IOException | DirectoryIteratorException e) {
            throw new SessionConfigurationException("The session directory " + absolute
                    + " (sessions.file.path) cannot be read: " + e, e);
        }
    }

    /**
     * Creates, renames and deletes a file named like a leftover temporary file, so a crash during
     * the probe leaves nothing clearExpired would not remove.
     */
    private static void probeWritable(SessionFileNames names, FileAttribute<?>[] ownerOnly) {
        Path sample = names.sessionFile("0".repeat(40)).orElseThrow();
        Path probe = names.tempFileFor(sample);
        Path moved = names.tempFileFor(sample);
        try {
            Files.newByteChannel(probe, CREATE_NEW, ownerOnly).close();
            Files.move(probe, moved, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(moved);
        } catch (IOException | UnsupportedOperationException e) {
            deleteQuietly(probe);
            deleteQuietly(moved);
            throw new SessionConfigurationException(notWritable(names.directory(), e), e);
        }
    }

    private static String notWritable(Path directory, Exception e) {
        String cause = e instanceof IOException io ? describe(io) : e.toString();
        return "The session directory " + directory + " (sessions.file.path) is not writable (" + cause
                + "). Make it writable by this application, or set sessions.file.path to another directory.";
    }
}
