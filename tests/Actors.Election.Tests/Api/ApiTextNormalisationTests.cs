using Xunit;

namespace Actors.Election.Tests.Api;

/// <summary>The approval test compares text independent of line endings and trailing whitespace.</summary>
public sealed class ApiTextNormalisationTests
{
    [Theory]
    [InlineData("a\r\nb\r\n")]
    [InlineData("a\nb\n")]
    [InlineData("a\rb")]
    [InlineData("a  \nb\t\n\n\n")]
    public void Line_endings_and_trailing_whitespace_do_not_matter(string text)
    {
        Assert.Equal("a\nb\n", PublicApiApprovalTests.Normalise(text));
    }

    [Fact]
    public void Content_still_matters()
    {
        Assert.NotEqual(PublicApiApprovalTests.Normalise("a\nb\n"), PublicApiApprovalTests.Normalise("a\nc\n"));
        Assert.NotEqual(PublicApiApprovalTests.Normalise("a b\n"), PublicApiApprovalTests.Normalise("a  b\n"));
    }
}
