using System.Globalization;
using System.Text;
using Akka.Cluster;
using CsCheck;
using Xunit;

namespace Actors.Election.Tests.Api;

/// <summary>
/// <see cref="FencingToken"/>'s round trips and order over generated tokens (CsCheck generators, fixed seed): what
/// the store side relies on, that a token read back is the token written, that each token has exactly one text and one
/// binary form, and that both forms sort by session.
/// </summary>
public sealed class FencingTokenPropertyTests
{
    private const int Samples = 2_000;

    [Fact]
    public void Every_token_reads_back_from_its_text_form()
    {
        TokenGen.ForAll(TokenGen.Token, Samples, token =>
        {
            var text = token.ToString();
            var parsed = FencingToken.Parse(text);
            Assert.Equal(token, parsed);
            Assert.Equal(token.Session, parsed.Session);
            Assert.Equal(token.Master, parsed.Master);
            Assert.Equal(token.Master.Uid, parsed.Master.Uid);
            Assert.Equal(text, parsed.ToString());
            // The documented layout, with the address exactly as Akka prints it.
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{token.Session:D19}@{token.Master.Address}#{token.Master.Uid}"), text);
        });
    }

    [Fact]
    public void Every_token_reads_back_from_its_binary_form()
    {
        TokenGen.ForAll(TokenGen.Token, Samples, token =>
        {
            var bytes = token.ToBytes();
            var read = FencingToken.FromBytes(bytes);
            Assert.Equal(token, read);
            Assert.Equal(token.Master.Uid, read.Master.Uid);
            Assert.Equal(bytes, read.ToBytes());
            Assert.Equal(FencingToken.BinaryHeaderLength + Encoding.UTF8.GetByteCount(token.Master.Address.ToString()), bytes.Length);
        });
    }

    [Fact]
    public void Whatever_text_parses_is_the_one_text_of_its_token()
    {
        // Mutations of real token texts: each either fails to parse or is exactly the text of the token it parses to,
        // so two spellings of one token never both reach a store.
        var mutated = Gen.Select(TokenGen.Token, Gen.Int[0, 3], Gen.Int, Gen.Char[" 0123456789@#:/.-+[]Aakx"], (token, kind, at, c) =>
        {
            var text = token.ToString();
            var i = (int)((uint)at % (uint)(text.Length + 1));
            return kind switch
            {
                0 => text.Insert(i, c.ToString()),
                1 when i < text.Length => text.Remove(i, 1),
                2 when i < text.Length => text[..i] + c + text[(i + 1)..],
                _ => text[..i],
            };
        });
        var accepted = 0;
        TokenGen.ForAll(mutated, Samples, text =>
        {
            if (!FencingToken.TryParse(text, out var token))
            {
                Assert.Throws<FormatException>(() => FencingToken.Parse(text));
                return;
            }
            accepted++;
            Assert.Equal(text, token.ToString());
        });
        Assert.InRange(accepted, 1, Samples - 1); // both branches were taken
    }

    [Fact]
    public void Whatever_bytes_read_are_the_one_binary_form_of_their_token()
    {
        var mutated = Gen.Select(TokenGen.Token, Gen.Int[0, 2], Gen.Int, Gen.Byte, (token, kind, at, b) =>
        {
            var bytes = token.ToBytes().ToList();
            var i = (int)((uint)at % (uint)(bytes.Count + 1));
            switch (kind)
            {
                case 0: bytes.Insert(i, b); break;
                case 1 when i < bytes.Count: bytes.RemoveAt(i); break;
                case 2 when i < bytes.Count: bytes[i] = b; break;
                default: bytes.RemoveRange(i, bytes.Count - i); break;
            }
            return bytes.ToArray();
        });
        var accepted = 0;
        TokenGen.ForAll(mutated, Samples, bytes =>
        {
            FencingToken token;
            try
            {
                token = FencingToken.FromBytes(bytes);
            }
            catch (ArgumentException)
            {
                return;
            }
            accepted++;
            Assert.Equal(bytes, token.ToBytes());
        });
        Assert.InRange(accepted, 1, Samples - 1);
    }

    [Fact]
    public void The_order_is_session_first_then_the_protocols_node_order()
    {
        TokenGen.ForAll(TokenGen.Pair, Samples, pair =>
        {
            var (a, b) = pair;
            var order = Math.Sign(a.CompareTo(b));
            Assert.Equal(-order, Math.Sign(b.CompareTo(a)));
            Assert.Equal(order == 0, a.Equals(b));
            if (order == 0) Assert.Equal(a.GetHashCode(), b.GetHashCode());
            if (a.Session != b.Session)
                Assert.Equal(Math.Sign(a.Session.CompareTo(b.Session)), order);
            else if (NodeOrdering.Instance.Compare(a.Master, b.Master) is var byNode and not 0)
                Assert.Equal(Math.Sign(byNode), order);
            Assert.Equal(order < 0, a < b);
            Assert.Equal(order > 0, a > b);
            Assert.Equal(order <= 0, a <= b);
            Assert.Equal(order >= 0, a >= b);
            Assert.Equal(order == 0, a == b);
            Assert.Equal(order != 0, a != b);
        });
    }

    [Fact]
    public void Both_forms_sort_by_session_as_stored_text_and_bytes_compare()
    {
        TokenGen.ForAll(TokenGen.Pair, Samples, pair =>
        {
            var (a, b) = pair;
            if (a.Session == b.Session) return;
            var bySession = Math.Sign(a.Session.CompareTo(b.Session));
            Assert.Equal(bySession, Math.Sign(string.CompareOrdinal(a.ToString(), b.ToString())));
            Assert.Equal(bySession, Math.Sign(a.ToBytes().AsSpan().SequenceCompareTo(b.ToBytes()))); // memcmp
        });
    }

    [Fact]
    public void Sorting_is_a_total_order_consistent_with_equality()
    {
        TokenGen.ForAll(TokenGen.Pair.Array[2, 30].Select(pairs => pairs.SelectMany(p => new[] { p.Item1, p.Item2 }).ToArray()), 200, tokens =>
        {
            var sorted = tokens.Order().ToArray();
            for (var i = 0; i + 1 < sorted.Length; i++)
            {
                Assert.True(sorted[i] <= sorted[i + 1]);
                for (var j = i + 1; j < sorted.Length; j++) Assert.True(sorted[i].CompareTo(sorted[j]) <= 0, "not transitive");
            }
            Assert.Equal(tokens.Distinct().Count(), sorted.Distinct().Count());
        });
    }

    [Fact]
    public void The_default_token_is_no_token_sorts_first_and_equals_only_itself()
    {
        var token = new FencingToken(0, new UniqueAddress(new Akka.Actor.Address("akka", "s"), 0));
        FencingToken none = default;
        Assert.True(none.IsEmpty);
        Assert.False(token.IsEmpty);
        Assert.True(token > none);
        Assert.True(none < token);
        Assert.False(token == none);
        Assert.True(none == default(FencingToken));
        Assert.Equal(1, token.CompareTo(none));
        Assert.Equal(0, none.CompareTo(default));
        Assert.Equal("", none.ToString());
        Assert.Throws<InvalidOperationException>(() => none.ToBytes());
        Assert.Throws<ArgumentException>(() => ((IComparable)token).CompareTo("a string"));
    }
}
