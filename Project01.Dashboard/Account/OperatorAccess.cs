using Microsoft.AspNetCore.Components.Authorization;

namespace Project01.Dashboard.Account;

/// <summary>Whether the signed-in person may act (promote, roll back, retrain, backtest, check, run): pages disable
/// those buttons for viewers rather than letting them click into a refusal. The services refuse regardless.</summary>
public static class OperatorAccess
{
    public const string ViewerHint = "operators only: you are signed in as a viewer";

    public static async Task<bool> CanActAsync(Task<AuthenticationState>? state) =>
        state is not null && (await state).User.IsInRole(DashboardRoles.Operator);
}
