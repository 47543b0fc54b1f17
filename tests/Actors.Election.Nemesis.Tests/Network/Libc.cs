using System.Runtime.InteropServices;

namespace Actors.Election.Nemesis.Tests.Network;

/// <summary>The few Linux system calls the harness needs that .NET does not wrap: namespaces and netlink sockets.</summary>
internal static unsafe partial class Libc
{
    public const int ORdOnly = 0;
    public const int OCloExec = 0x80000;
    public const int CloneNewNet = 0x40000000;
    public const int AfNetlink = 16;
    public const int SockRaw = 3;
    public const int SockCloExec = 0x80000;
    public const int NetlinkNetfilter = 12;
    public const int SolSocket = 1;
    public const int SoRcvTimeo = 20;
    public const int SoRcvBufForce = 33;
    public const int SolNetlink = 270;
    public const int NetlinkNoEnobufs = 5;
    public const int EAgain = 11;
    public const int EIntr = 4;
    public const int ENoBufs = 105;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    public static partial int SetNs(int fd, int nstype);

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(int fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Recv(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(int fd, int level, int name, byte* value, int length);

    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEuid();

    /// <summary>The last error as text, for exceptions.</summary>
    public static string LastError() => $"errno {Marshal.GetLastPInvokeError()} ({Marshal.GetLastPInvokeErrorMessage()})";
}
