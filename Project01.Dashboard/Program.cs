using MudBlazor.Services;
using Project01.Dashboard.Account;
using Project01.Dashboard.Clients;
using Project01.Dashboard.Components;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.AddPlatformClients();
builder.AddDashboardAccounts();

var app = builder.Build();

if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapAccountEndpoints();
// Every page needs a signed-in user; actions additionally need the operator role (see TrainingClient).
app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization();
app.MapDefaultEndpoints();

app.Run();

public partial class Program;
