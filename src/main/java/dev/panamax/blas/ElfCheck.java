// SPDX-License-Identifier: Apache-2.0
package dev.panamax.blas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks, before {@code dlopen}, that a file is a shared library the dynamic loader can map
 * without touching a byte past its end: the loader maps each {@code PT_LOAD} segment and reads
 * the page behind it, so a truncated library kills the process with SIGBUS inside the loader,
 * where no Java code can catch it.
 *
 * <p>Checked: the ELF header (64-bit, the JVM's byte order, version 1, a shared object, the
 * running machine where known), the program header table and every segment's bytes
 * ({@code p_offset + p_filesz}) within the file, at least one {@code PT_LOAD} and one
 * {@code PT_DYNAMIC}, and, when present, the section header table and every section's bytes
 * within the file. A file that passes may still be refused by the loader (bad symbols, missing
 * dependencies); that failure is an ordinary {@code dlopen} error, not a crash. A file crafted to
 * run code in its constructors is out of reach of any check: load only libraries you trust.
 */
final class ElfCheck {
    private ElfCheck() {}

    private static final int EHDR_SIZE = 64, PHDR_SIZE = 56, SHDR_SIZE = 64;
    private static final int ET_DYN = 3, PT_LOAD = 1, PT_DYNAMIC = 2, SHT_NOBITS = 8;
    /** More program headers than this is not a library (ld.so itself has about a dozen). */
    private static final int MAX_PHDRS = 4096;
    /** A bound on the section headers read (real libraries have tens). */
    private static final int MAX_SHDRS = 1 << 16;

    /** What makes the file unloadable, or null if the loader can map it. */
    static String problem(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return problem(ch, ch.size());
        }
    }

    /**
     * What makes the first {@code size} bytes of ch unloadable as a library, or null. Reads only
     * below size, so a test can check a truncation without writing it.
     */
    static String problem(SeekableByteChannel ch, long size) throws IOException {
        if (size < EHDR_SIZE) {
            return "the file has " + size + " bytes, fewer than the " + EHDR_SIZE + " of an ELF header (truncated?)";
        }
        ByteBuffer h = read(ch, 0, EHDR_SIZE);
        if (h.getInt(0) != 0x7F454C46) { // big-endian, the buffer's initial order
            return "no ELF header (the file does not start with 7f 45 4c 46)";
        }
        if (h.get(4) != 2) {
            return "ELF class " + h.get(4) + ", not 2 (64-bit) as this JVM needs";
        }
        ByteOrder order = h.get(5) == 1 ? ByteOrder.LITTLE_ENDIAN : h.get(5) == 2 ? ByteOrder.BIG_ENDIAN : null;
        if (order != ByteOrder.nativeOrder()) {
            return "ELF data encoding " + h.get(5) + ", not this machine's byte order (" + ByteOrder.nativeOrder() + ")";
        }
        h.order(order);
        if (h.get(6) != 1 || h.getInt(20) != 1) {
            return "ELF version " + h.get(6) + "/" + h.getInt(20) + ", not 1";
        }
        int type = h.getShort(16) & 0xFFFF;
        if (type != ET_DYN) {
            return "ELF type " + type + ", not a shared object (" + ET_DYN + ")";
        }
        int machine = h.getShort(18) & 0xFFFF;
        int expected = machineOf(System.getProperty("os.arch"));
        if (expected >= 0 && machine != expected) {
            return "built for ELF machine " + machine + ", this JVM runs on " + System.getProperty("os.arch")
                    + " (machine " + expected + ")";
        }
        long phoff = h.getLong(32), shoff = h.getLong(40);
        int phentsize = h.getShort(54) & 0xFFFF, phnum = h.getShort(56) & 0xFFFF;
        int shentsize = h.getShort(58) & 0xFFFF, shnum = h.getShort(60) & 0xFFFF;
        if (phnum == 0 || phnum > MAX_PHDRS || phentsize != PHDR_SIZE) {
            return "program header table of " + phnum + " entries of " + phentsize + " bytes (expected 1 to "
                    + MAX_PHDRS + " of " + PHDR_SIZE + ")";
        }
        String outside = outside("the program header table", phoff, (long) phnum * PHDR_SIZE, size);
        if (outside != null) {
            return outside;
        }
        ByteBuffer ph = read(ch, phoff, phnum * PHDR_SIZE).order(order);
        boolean load = false, dynamic = false;
        for (int i = 0; i < phnum; i++) {
            int at = i * PHDR_SIZE;
            int ptype = ph.getInt(at);
            long offset = ph.getLong(at + 8), filesz = ph.getLong(at + 32), memsz = ph.getLong(at + 40);
            String name = ptype == PT_LOAD ? "PT_LOAD" : ptype == PT_DYNAMIC ? "PT_DYNAMIC" : "type " + ptype;
            outside = outside("program header " + i + " (" + name + ")", offset, filesz, size);
            if (outside != null) {
                return outside;
            }
            if (ptype == PT_LOAD) {
                load = true;
                if (Long.compareUnsigned(filesz, memsz) > 0) {
                    return "program header " + i + " (PT_LOAD) has " + filesz + " bytes in the file but " + memsz
                            + " in memory";
                }
            }
            dynamic |= ptype == PT_DYNAMIC;
        }
        if (!load || !dynamic) {
            return "no " + (load ? "PT_DYNAMIC" : "PT_LOAD") + " program header: not a shared library";
        }
        if (shoff == 0) {
            return null; // no section headers: the loader does not need them
        }
        if (shentsize != SHDR_SIZE) {
            return "section headers of " + shentsize + " bytes, expected " + SHDR_SIZE;
        }
        long count = shnum == 0 ? 1 : shnum; // 0: the real count is in section 0, which must exist
        outside = outside("the section header table", shoff, count * SHDR_SIZE, size);
        if (outside != null || shnum == 0 || shnum > MAX_SHDRS) {
            return outside;
        }
        ByteBuffer sh = read(ch, shoff, shnum * SHDR_SIZE).order(order);
        for (int i = 0; i < shnum; i++) {
            int at = i * SHDR_SIZE;
            if (sh.getInt(at + 4) != SHT_NOBITS) {
                outside = outside("section " + i, sh.getLong(at + 24), sh.getLong(at + 32), size);
                if (outside != null) {
                    return outside;
                }
            }
        }
        return null;
    }

    /** Null if [offset, offset + length) lies in a file of size bytes, else what is wrong. */
    private static String outside(String what, long offset, long length, long size) {
        long end = offset + length;
        if (offset < 0 || length < 0 || end < offset || end > size) {
            String span = offset >= 0 && length >= 0 && end >= offset ? offset + ", " + end
                    : Long.toUnsignedString(offset) + ", " + Long.toUnsignedString(offset) + " + " + Long.toUnsignedString(length);
            return what + " spans bytes [" + span + ") but the file has " + size + " bytes (truncated?)";
        }
        return null;
    }

    private static ByteBuffer read(SeekableByteChannel ch, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        ch.position(at);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("the file ended at byte " + (at + b.position()) + " while it was being read");
            }
        }
        return b.flip();
    }

    /** e_machine of the running architecture, or -1 when this table does not know it. */
    static int machineOf(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> 62;
            case "aarch64" -> 183;
            case "ppc64le", "ppc64" -> 21;
            case "riscv64" -> 243;
            case "s390x" -> 22;
            case "loongarch64" -> 258;
            default -> -1;
        };
    }
}
