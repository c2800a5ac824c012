using System.ComponentModel;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands.Lake;

public class LakeSettings : CommandSettings
{
    [CommandOption("--lake <DIR>")]
    [Description("lake root directory")]
    public string Lake { get; init; } = "";

    public override Spectre.Console.ValidationResult Validate() =>
        string.IsNullOrEmpty(Lake) ? Spectre.Console.ValidationResult.Error("--lake is required") : Spectre.Console.ValidationResult.Success();

    public Project01.Lake.Lakehouse OpenLake() => new(new Project01.Lake.Storage.LocalLakeStorage(Lake));
}
