using Project01.ModelRegistry.Registry;

namespace Project01.ModelRegistry.Tests;

public sealed class AliasesTests
{
    [Fact]
    public void TheRolesHaveTheirStoredNames()
    {
        // Stored in Postgres and named in the API: renaming them would orphan every alias already set.
        Assert.Equal("champion", Aliases.Champion);
        Assert.Equal("challenger", Aliases.Challenger);
        Assert.True(Aliases.IsValid(Aliases.Champion));
        Assert.True(Aliases.IsValid(Aliases.Challenger));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("shadow-2")]
    [InlineData("2024-q1")]
    [InlineData("-")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")] // 32 characters
    public void LowerCaseLettersDigitsAndDashesUpTo32AreValid(string alias) => Assert.True(Aliases.IsValid(alias));

    [Theory]
    [InlineData("")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")] // 33 characters
    [InlineData("Champion")]
    [InlineData("CHALLENGER")]
    [InlineData("champ ion")]
    [InlineData("champ_ion")]
    [InlineData("champion.v2")]
    [InlineData("champion/../x")]
    [InlineData("chámpion")]
    [InlineData("champion\n")]
    public void AnythingElseIsInvalid(string alias) => Assert.False(Aliases.IsValid(alias));
}
