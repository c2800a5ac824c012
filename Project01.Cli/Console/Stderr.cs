using Spectre.Console;

namespace Project01.Cli.Console;

/// <summary>Progress, tables and messages for people go to stderr, so stdout carries only machine-readable results.</summary>
public static class Stderr
{
    public static IAnsiConsole Console { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(System.Console.Error),
    });

    public static void Error(string message) => Console.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");

    public static void Info(string message) => Console.MarkupLine($"[grey]{Markup.Escape(message)}[/]");

    /// <summary>Where results go: a file, or stdout for "-" or no path.</summary>
    public static TextWriter OpenOutput(string? path) =>
        string.IsNullOrEmpty(path) || path == "-" ? System.Console.Out : new StreamWriter(path);
}
