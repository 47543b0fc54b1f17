using System.Buffers.Binary;

namespace Actors.Election.Nemesis.Tests.Network;

/// <summary>
/// One netfilter queue (<c>iptables -j NFQUEUE</c>) read through a raw <c>NETLINK_NETFILTER</c> socket, as
/// libnetfilter_queue does it: packets arrive with an id, and each gets a verdict (accept or drop) in any order and at
/// any time. The socket is opened inside the namespace whose rules feed the queue. Only packet metadata is copied.
/// </summary>
internal sealed unsafe class NetfilterQueue : IDisposable
{
    private const ushort SubsysQueue = 3;
    private const ushort MsgPacket = SubsysQueue << 8;
    private const ushort MsgVerdict = (SubsysQueue << 8) | 1;
    private const ushort MsgConfig = (SubsysQueue << 8) | 2;
    private const ushort NlmsgError = 2;
    private const ushort FlagRequest = 1;
    private const ushort FlagAck = 4;
    private const ushort CfgCmd = 1, CfgParams = 2, CfgQueueMaxLen = 3, CfgMask = 4, CfgFlags = 5;
    private const byte CmdBind = 1, CmdUnbind = 2;
    private const byte CopyMeta = 1;
    private const uint FlagFailOpen = 1;
    private const ushort AttrPacketHeader = 1;
    private const ushort AttrVerdictHeader = 2;
    private const int HeaderLength = 16;
    private const int NfgenLength = 4;

    private readonly int _fd;
    private int _sequence;
    private bool _disposed;

    private NetfilterQueue(int fd, ushort number)
    {
        _fd = fd;
        Number = number;
    }

    public ushort Number { get; }

    /// <summary>Opens a socket in namespace <paramref name="netns"/> and binds queue <paramref name="number"/> to it.</summary>
    public static NetfilterQueue Open(string netns, ushort number)
    {
        var fd = NetNamespace.Create(netns, () =>
        {
            var s = Libc.Socket(Libc.AfNetlink, Libc.SockRaw | Libc.SockCloExec, Libc.NetlinkNetfilter);
            if (s < 0) throw new InvalidOperationException($"cannot open a netfilter netlink socket in {netns}: {Libc.LastError()}");
            return s;
        });
        var queue = new NetfilterQueue(fd, number);
        try
        {
            queue.Configure();
            return queue;
        }
        catch
        {
            Libc.Close(fd);
            throw;
        }
    }

    private void Configure()
    {
        Span<byte> address = stackalloc byte[12]; // sockaddr_nl: family, pad, pid 0 (the kernel assigns), groups 0
        address.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(address, Libc.AfNetlink);
        fixed (byte* a = address)
        {
            if (Libc.Bind(_fd, a, address.Length) != 0) throw new InvalidOperationException($"bind of the netlink socket failed: {Libc.LastError()}");
        }
        SetOption(Libc.SolSocket, Libc.SoRcvBufForce, 8 << 20);
        SetOption(Libc.SolNetlink, Libc.NetlinkNoEnobufs, 1);
        Span<byte> timeout = stackalloc byte[16]; // struct timeval: 200 ms, so the reader notices Dispose
        timeout.Clear();
        BinaryPrimitives.WriteInt64LittleEndian(timeout[8..], 200_000);
        fixed (byte* t = timeout)
        {
            if (Libc.SetSockOpt(_fd, Libc.SolSocket, Libc.SoRcvTimeo, t, timeout.Length) != 0) throw new InvalidOperationException($"SO_RCVTIMEO: {Libc.LastError()}");
        }
        ConfigureWithAck(CfgCmd, [CmdBind, 0, 0, 2]); // bind this queue (pf AF_INET)
        var copy = new byte[5];
        copy[4] = CopyMeta; // copy_range 0 (big-endian), copy_mode META: ids and metadata, no payload
        ConfigureWithAck(CfgParams, copy);
        var maxLength = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(maxLength, 8192);
        ConfigureWithAck(CfgQueueMaxLen, maxLength);
        // Fail open: should the queue ever fill up, the kernel passes packets instead of dropping them.
        var flag = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(flag, FlagFailOpen);
        ConfigureWithAck((CfgMask, flag), (CfgFlags, flag));
    }

    private void SetOption(int level, int name, int value)
    {
        if (Libc.SetSockOpt(_fd, level, name, (byte*)&value, sizeof(int)) != 0)
            throw new InvalidOperationException($"setsockopt({level}, {name}) failed: {Libc.LastError()}");
    }

    private void ConfigureWithAck(ushort attribute, byte[] value) => ConfigureWithAck((attribute, value));

    private void ConfigureWithAck(params (ushort Type, byte[] Value)[] attributes)
    {
        var length = HeaderLength + NfgenLength + attributes.Sum(a => Align(4 + a.Value.Length));
        var message = new byte[length];
        var sequence = (uint)Interlocked.Increment(ref _sequence);
        WriteHeader(message, length, MsgConfig, FlagRequest | FlagAck, sequence);
        var offset = HeaderLength + NfgenLength;
        foreach (var (type, value) in attributes) offset = WriteAttribute(message, offset, type, value);
        SendAll(message);
        WaitForAck(sequence);
    }

    private void WaitForAck(uint sequence)
    {
        var buffer = new byte[8192];
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            var received = Receive(buffer);
            if (received <= 0) continue;
            for (var offset = 0; offset + HeaderLength <= received;)
            {
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset));
                var type = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(offset + 4));
                var seq = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset + 8));
                if (type == NlmsgError && seq == sequence)
                {
                    var error = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(offset + HeaderLength));
                    if (error != 0)
                        throw new InvalidOperationException($"netfilter queue {Number}: the kernel refused a configuration message (errno {-error}); does the kernel have CONFIG_NETFILTER_NETLINK_QUEUE?");
                    return;
                }
                if (length < HeaderLength) break;
                offset += Align(length);
            }
        }
        throw new TimeoutException($"netfilter queue {Number}: no answer to a configuration message");
    }

    /// <summary>
    /// Waits up to 200 ms for queued packets and adds their ids to <paramref name="ids"/>; false when nothing came.
    /// </summary>
    public bool Receive(byte[] buffer, List<uint> ids)
    {
        var received = Receive(buffer);
        if (received <= 0) return false;
        for (var offset = 0; offset + HeaderLength <= received;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset));
            if (length < HeaderLength || offset + length > received) break;
            var type = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(offset + 4));
            if (type == MsgPacket)
            {
                for (var a = offset + HeaderLength + NfgenLength; a + 4 <= offset + length;)
                {
                    var attributeLength = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(a));
                    var attributeType = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(a + 2)) & 0x3FFF;
                    if (attributeLength < 4) break;
                    if (attributeType == AttrPacketHeader) ids.Add(BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(a + 4)));
                    a += Align(attributeLength);
                }
            }
            offset += Align(length);
        }
        return true;
    }

    /// <summary>Passes (<paramref name="accept"/>) or drops the queued packet <paramref name="id"/>.</summary>
    public void Verdict(uint id, bool accept)
    {
        const int length = HeaderLength + NfgenLength + 4 + 8;
        Span<byte> message = stackalloc byte[length];
        WriteHeader(message, length, MsgVerdict, FlagRequest, (uint)Interlocked.Increment(ref _sequence));
        Span<byte> verdict = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(verdict, accept ? 1u : 0u); // NF_ACCEPT / NF_DROP
        BinaryPrimitives.WriteUInt32BigEndian(verdict[4..], id);
        WriteAttribute(message, HeaderLength + NfgenLength, AttrVerdictHeader, verdict);
        SendAll(message);
    }

    private void WriteHeader(Span<byte> message, int length, ushort type, ushort flags, uint sequence)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(message[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(message[6..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(message[8..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(message[12..], 0);
        message[16] = 0; // nfgen_family AF_UNSPEC
        message[17] = 0; // NFNETLINK_V0
        BinaryPrimitives.WriteUInt16BigEndian(message[18..], Number);
    }

    private static int WriteAttribute(Span<byte> message, int offset, ushort type, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(message[offset..], (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(message[(offset + 2)..], type);
        value.CopyTo(message[(offset + 4)..]);
        var end = offset + Align(4 + value.Length);
        message[(offset + 4 + value.Length)..end].Clear();
        return end;
    }

    private void SendAll(ReadOnlySpan<byte> message)
    {
        fixed (byte* m = message)
        {
            while (true)
            {
                var sent = Libc.Send(_fd, m, message.Length, 0);
                if (sent == message.Length) return;
                if (sent < 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == Libc.EIntr) continue;
                throw new InvalidOperationException($"netfilter queue {Number}: send failed: {Libc.LastError()}");
            }
        }
    }

    private int Receive(byte[] buffer)
    {
        fixed (byte* b = buffer)
        {
            var received = (int)Libc.Recv(_fd, b, buffer.Length, 0);
            if (received >= 0) return received;
            var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno is Libc.EAgain or Libc.EIntr or Libc.ENoBufs) return 0;
            if (_disposed) return 0;
            throw new InvalidOperationException($"netfilter queue {Number}: recv failed: {Libc.LastError()}");
        }
    }

    private static int Align(int length) => (length + 3) & ~3;

    public void Dispose()
    {
        if (_disposed) return;
        try
        {
            var message = new byte[HeaderLength + NfgenLength + 8];
            WriteHeader(message, message.Length, MsgConfig, FlagRequest, (uint)Interlocked.Increment(ref _sequence));
            WriteAttribute(message, HeaderLength + NfgenLength, CfgCmd, [CmdUnbind, 0, 0, 2]);
            SendAll(message);
        }
        catch (InvalidOperationException)
        {
        }
        _disposed = true;
        Libc.Close(_fd);
    }
}
