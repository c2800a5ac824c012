using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Project01.Tests;

namespace Project01.IntegrationTests.Deployment;

/// <summary>
/// Publishes the AppHost's manifest (<c>--publisher manifest</c>) as a separate process, the way CI and <c>azd</c> do, on a
/// machine without a container runtime and with <c>Infra:Mode=executables</c> configured, into a data directory whose
/// credentials are known. No AppHost is started. The manifest is what a deployment is made from.
/// </summary>
public sealed class PublishedManifest : IAsyncLifetime
{
    public string OutputDir { get; } = TestPaths.NewTempDirectory("manifest");
    public string DataDir { get; } = TestPaths.NewTempDirectory("publish-data");
    public string Text { get; private set; } = "";
    public JsonObject Resources { get; private set; } = null!;

    /// <summary>The secrets this data directory holds; none may appear in the manifest, nor anything derived from them.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; } = new Dictionary<string, string>
    {
        ["dashboard-api-key"] = "p01_DashKeyFromCredentialsDir0123456789abcdefghijk",
        ["apphost-api-key"] = "p01_HostKeyFromCredentialsDir0123456789abcdefghijk",
        ["dashboard-operator-password"] = "OperatorPw-7f3c9a1b2d4e6f80",
        ["postgres-password"] = "PostgresPw-0a1b2c3d4e5f6a7b",
        ["redis-password"] = "RedisPw-9e8d7c6b5a4f3e2d1c",
    };

    public async ValueTask InitializeAsync()
    {
        var credentials = Directory.CreateDirectory(Path.Combine(DataDir, "credentials")).FullName;
        foreach (var (name, value) in Secrets) await File.WriteAllTextAsync(Path.Combine(credentials, name), value);

        var configuration = typeof(PublishedManifest).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var appHost = Path.Combine(TestPaths.RepoRoot, "Project01.AppHost", "bin", configuration, "net10.0", "Project01.AppHost.dll");
        Assert.True(File.Exists(appHost), $"the AppHost is not built at {appHost}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = TestPaths.RepoRoot,
        };
        foreach (var a in new[]
                 {
                     appHost, "--publisher", "manifest", "--output-path", OutputDir,
                     // What this machine would run locally must not matter to what is published.
                     "--Infra:Mode=executables", $"--Infra:DataDir={DataDir}",
                 })
            start.ArgumentList.Add(a);
        start.Environment["ASPIRE_CONTAINER_RUNTIME"] = "no-such-container-runtime";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"publishing the manifest took over 45 s; stderr: {await stderr}");
        }
        var path = Path.Combine(OutputDir, "aspire-manifest.json");
        Assert.True(process.ExitCode == 0 && File.Exists(path), $"publish exited {process.ExitCode}; stdout: {await stdout}; stderr: {await stderr}");
        Text = await File.ReadAllTextAsync(path);
        Resources = JsonNode.Parse(Text)!["resources"]!.AsObject();
    }

    public JsonObject Resource(string name) =>
        Resources[name]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"no resource '{name}' in the manifest; it has: {string.Join(", ", Resources.Select(r => r.Key))}");

    public static string Type(JsonObject resource) => resource["type"]!.GetValue<string>();

    public static IReadOnlyDictionary<string, string> Env(JsonObject resource) =>
        resource["env"]?.AsObject().ToDictionary(e => e.Key, e => e.Value!.GetValue<string>()) ?? [];

    public ValueTask DisposeAsync()
    {
        foreach (var dir in new[] { OutputDir, DataDir })
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>The published manifest describes a deployment a cloud can run: containers, projects, parameters, a GPU request.</summary>
public sealed class PublishedManifestTests(PublishedManifest manifest) : IClassFixture<PublishedManifest>
{
    private static readonly string[] Services = ["ingest", "features", "training", "inference", "dashboard"];

    [Theory]
    [InlineData("postgres", "docker.io/library/postgres:", 5432)]
    [InlineData("online-store", "docker.io/library/redis:", 6379)]
    [InlineData("kafka-broker", "apache/kafka:3.9.1", 9092)]
    public void InfrastructureIsTheOfficialImage(string name, string imagePrefix, int port)
    {
        var resource = manifest.Resource(name);
        Assert.Matches("^container\\.v[01]$", PublishedManifest.Type(resource));
        Assert.StartsWith(imagePrefix, resource["image"]!.GetValue<string>(), StringComparison.Ordinal);
        var tcp = resource["bindings"]!["tcp"]!.AsObject();
        Assert.Equal("tcp", tcp["transport"]!.GetValue<string>());
        Assert.Equal(port, tcp["targetPort"]!.GetValue<int>());
    }

    [Fact]
    public void NothingRunsFromThisMachine()
    {
        var kinds = manifest.Resources.Select(r => (r.Key, Type: PublishedManifest.Type(r.Value!.AsObject()))).ToList();
        Assert.DoesNotContain(kinds, k => k.Type.StartsWith("executable.", StringComparison.Ordinal));
        // The embedded broker is the local stand-in for Kafka; a deployment gets the image.
        Assert.DoesNotContain(kinds, k => k.Type.StartsWith("project.", StringComparison.Ordinal) && !Services.Contains(k.Key));
        Assert.DoesNotContain("/.data", manifest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(manifest.DataDir, manifest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", manifest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Project01.Broker", manifest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionStringsPointAtTheContainers()
    {
        Assert.Equal("{postgres.connectionString};Database=project01", manifest.Resource("p01db")["connectionString"]!.GetValue<string>());
        Assert.Equal("{kafka-broker.bindings.tcp.host}:{kafka-broker.bindings.tcp.port}", manifest.Resource("kafka")["connectionString"]!.GetValue<string>());
        Assert.StartsWith("{online-store.bindings.tcp.host}:{online-store.bindings.tcp.port},password={online-store-password.value}",
            manifest.Resource("online-store")["connectionString"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Password={postgres-password.value}", manifest.Resource("postgres")["connectionString"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal("{postgres-password.value}", PublishedManifest.Env(manifest.Resource("postgres"))["POSTGRES_PASSWORD"]);
        Assert.Equal("{online-store-password.value}", PublishedManifest.Env(manifest.Resource("online-store"))["REDIS_PASSWORD"]);
        // Kafka tells its clients the address they reached it by, inside the deployment.
        Assert.Equal("PLAINTEXT://{kafka-broker.bindings.tcp.host}:{kafka-broker.bindings.tcp.port}",
            PublishedManifest.Env(manifest.Resource("kafka-broker"))["KAFKA_ADVERTISED_LISTENERS"]);
    }

    [Theory]
    [InlineData("ingest", "kafka,p01db")]
    [InlineData("features", "kafka,p01db,online-store")]
    [InlineData("training", "p01db")]
    [InlineData("inference", "p01db,online-store")]
    public void EachBackendServiceIsAProjectWithItsReferences(string name, string connections)
    {
        var resource = manifest.Resource(name);
        Assert.Matches("^project\\.v[01]$", PublishedManifest.Type(resource));
        var project = $"Project01.{char.ToUpperInvariant(name[0])}{name[1..]}";
        Assert.Equal(Path.Combine(TestPaths.RepoRoot, project, project + ".csproj"),
            Path.GetFullPath(Path.Combine(manifest.OutputDir, resource["path"]!.GetValue<string>())));
        var http = resource["bindings"]!["http"]!.AsObject();
        Assert.Equal("http", http["scheme"]!.GetValue<string>());
        Assert.Equal("http", http["transport"]!.GetValue<string>());

        var env = PublishedManifest.Env(resource);
        var wanted = connections.Split(',');
        foreach (var c in wanted) Assert.Equal($"{{{c}.connectionString}}", env[$"ConnectionStrings__{c}"]);
        // Nothing else (Aspire writes a hyphenated name twice, as online-store and online_store, both to the same resource).
        Assert.Equal(wanted.Select(c => $"{{{c}.connectionString}}").Order(),
            env.Where(e => e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).Select(e => e.Value).Distinct().Order());

        // The lake in the bucket the deployment names; model artifacts on the shared volume.
        Assert.Equal("s3", env["Lake__Storage"]);
        Assert.Equal("{lake-bucket.value}", env["Lake__S3__Bucket"]);
        Assert.Equal("{data-root.value}/lake", env["Lake__Root"]);

        // The dashboard's key, by the hash and prefix the deployment supplies; the AppHost's own key is not published.
        Assert.Equal("dashboard", env["ApiSecurity__ServiceKeys__0__Client"]);
        Assert.Equal("{dashboard-api-key-hash.value}", env["ApiSecurity__ServiceKeys__0__Hash"]);
        Assert.Equal("{dashboard-api-key-prefix.value}", env["ApiSecurity__ServiceKeys__0__Prefix"]);
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("ApiSecurity__ServiceKeys__1__", StringComparison.Ordinal));
    }

    [Fact]
    public void TheDashboardIsAnExternalProjectThatReachesEveryService()
    {
        var dashboard = manifest.Resource("dashboard");
        Assert.Matches("^project\\.v[01]$", PublishedManifest.Type(dashboard));
        Assert.True(dashboard["bindings"]!["http"]!["external"]?.GetValue<bool>(), "the dashboard's http binding is not external");
        var env = PublishedManifest.Env(dashboard);
        foreach (var service in Services.Where(s => s != "dashboard"))
            Assert.Equal($"{{{service}.bindings.http.url}}", env[$"services__{service}__http__0"]);
        Assert.Equal("{dashboard-api-key.value}", env["Dashboard__ApiKey"]);
        Assert.Equal("{dashboard-operator-password.value}", env["Dashboard__Accounts__Users__0__Password"]);
        Assert.True(manifest.Resource("inference")["bindings"]!["http"]!["external"]?.GetValue<bool>(), "the forecast API's http binding is not external");
    }

    [Fact]
    public void TheTrainingWorkerAsksForAGpu()
    {
        var env = PublishedManifest.Env(manifest.Resource("training"));
        Assert.Equal("gpu", env["P01_DEVICE_REQUEST"]);
        Assert.Equal("1", env["P01_GPU_COUNT"]);
        Assert.Equal("all", env["NVIDIA_VISIBLE_DEVICES"]);
        foreach (var other in Services.Where(s => s != "training"))
            Assert.False(PublishedManifest.Env(manifest.Resource(other)).ContainsKey("P01_DEVICE_REQUEST"), $"{other} asks for a GPU");
    }

    [Theory]
    [InlineData("postgres-password")]
    [InlineData("online-store-password")]
    [InlineData("dashboard-api-key")]
    [InlineData("dashboard-operator-password")]
    public void CredentialsAreSecretParametersWithoutValues(string name)
    {
        var parameter = manifest.Resource(name);
        Assert.Equal("parameter.v0", PublishedManifest.Type(parameter));
        Assert.Equal($"{{{name}.inputs.value}}", parameter["value"]!.GetValue<string>());
        var input = parameter["inputs"]!["value"]!.AsObject();
        Assert.True(input["secret"]?.GetValue<bool>(), $"{name} is not a secret input");
        Assert.Null(input["default"]?["value"]);
    }

    [Fact]
    public void NoSecretOfThisMachineIsInTheManifest()
    {
        foreach (var secret in manifest.Secrets.Values)
        {
            Assert.DoesNotContain(secret, manifest.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), manifest.Text, StringComparison.Ordinal);
            if (secret.StartsWith("p01_", StringComparison.Ordinal)) Assert.DoesNotContain(secret[..12], manifest.Text, StringComparison.Ordinal);
        }
        // Every secret parameter is an input of the deployment: no published default, at most a generated value.
        var secretInputs = manifest.Resources.Select(r => r.Value!.AsObject())
            .Where(r => PublishedManifest.Type(r) == "parameter.v0")
            .Select(r => r["inputs"]!["value"]!.AsObject())
            .Where(input => input["secret"]?.GetValue<bool>() == true)
            .ToList();
        Assert.True(secretInputs.Count >= 4, $"only {secretInputs.Count} secret parameters");
        Assert.All(secretInputs, input => Assert.Null(input["default"]?["value"]));
    }

    [Fact]
    public void EveryReferenceNamesAResourceOfTheManifest()
    {
        var names = Regex.Matches(manifest.Text, @"\{([A-Za-z0-9-]+)\.(?:connectionString|value|inputs|bindings)")
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.True(manifest.Resources.ContainsKey(n), $"'{n}' is referenced but not a resource"));
    }
}
