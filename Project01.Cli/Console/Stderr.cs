using Spectre.Console;

namespace Project01.Cli.Console;

/// <summary>Progress, tables and messages for people go to stderr, so stdout carries only machine-readable results.</summary>
public static class Stderr
{
    public static IAnsiConsole Console { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(System.Console.Error),
    });

    // Plain lines, never wrapped to the terminal's width, so scripts can grep them.
    public static void Error(string message) => System.Console.Error.WriteLine($"error: {message}");

    public static void Info(string message) => System.Console.Error.WriteLine(message);

    /// <summary>Where results go: a file, or stdout when no path is given.</summary>
    public static TextWriter OpenOutput(string? path) =>
        string.IsNullOrEmpty(path) ? System.Console.Out : new StreamWriter(path);
}
