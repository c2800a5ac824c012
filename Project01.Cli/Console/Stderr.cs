using Spectre.Console;

namespace Project01.Cli.Console;

/// <summary>Progress, tables and messages for people go to stderr, so stdout carries only machine-readable results.</summary>
public static class Stderr
{
    public static IAnsiConsole Console { get; } = Create();

    private static IAnsiConsole Create()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
        // Redirected (a log file, CI), there is no terminal width: Spectre would assume 80 and wrap every table cell.
        if (System.Console.IsErrorRedirected) console.Profile.Width = 240;
        return console;
    }

    // Plain lines, never wrapped to the terminal's width, so scripts can grep them.
    public static void Error(string message) => System.Console.Error.WriteLine($"error: {message}");

    public static void Info(string message) => System.Console.Error.WriteLine(message);

    /// <summary>Where results go: a file, or stdout when no path is given.</summary>
    public static TextWriter OpenOutput(string? path) =>
        string.IsNullOrEmpty(path) ? System.Console.Out : new StreamWriter(path);
}
