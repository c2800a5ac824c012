using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Project01.Dashboard.Account;

/// <summary>The <c>Dashboard:Accounts</c> section: who may sign in, and as what. <c>./run.sh</c> (the AppHost) creates an
/// operator account with a generated password; more can be configured.</summary>
public sealed class DashboardAccountOptions
{
    public const string Section = "Dashboard:Accounts";

    public List<DashboardAccount> Users { get; set; } = [];
}

public sealed class DashboardAccount
{
    [Required, RegularExpression(@"^[\p{L}\p{Nd}._@-]{1,64}$", ErrorMessage = "a user name is letters, digits, . _ @ - (at most 64)")]
    public string Name { get; set; } = "";

    [Required, MinLength(12, ErrorMessage = "a dashboard password has at least 12 characters")]
    public string Password { get; set; } = "";

    /// <summary><see cref="DashboardRoles.Operator"/> may promote, roll back, retrain, backtest and run drift checks;
    /// <see cref="DashboardRoles.Viewer"/> only looks.</summary>
    [Required, AllowedValues(DashboardRoles.Operator, DashboardRoles.Viewer)]
    public string Role { get; set; } = DashboardRoles.Viewer;
}

public static class DashboardRoles
{
    public const string Operator = "operator";
    public const string Viewer = "viewer";
}

/// <summary>Checks a sign-in against the configured accounts, in constant time per account (digests compared, so
/// neither the password's length nor its first wrong character shows in the timing).</summary>
public sealed class DashboardAccounts(IOptions<DashboardAccountOptions> options)
{
    public ClaimsPrincipal? SignIn(string? name, string? password, string scheme)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password)) return null;
        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        foreach (var account in options.Value.Users)
        {
            var expected = SHA256.HashData(Encoding.UTF8.GetBytes(account.Password));
            if (CryptographicOperations.FixedTimeEquals(offered, expected) & string.Equals(account.Name, name, StringComparison.Ordinal))
                return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, account.Name), new Claim(ClaimTypes.Role, account.Role)], scheme));
        }
        return null;
    }
}
