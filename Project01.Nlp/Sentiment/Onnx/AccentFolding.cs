namespace Project01.Nlp.Sentiment.Onnx;

/// <summary>
/// Accent stripping that works without ICU. Uncased BERT tokenisers decompose text (NFD) and drop the combining marks
/// ("Société" → "societe"); with the invariant globalization this repository builds with, .NET's
/// <see cref="string.Normalize()"/> leaves non-ASCII text as it is, so "prófit" would become [UNK]. This folds the
/// precomposed Latin letters (U+00C0–U+024F, generated from Unicode 14 NFD) to their base letters first; combining
/// marks that arrive separately are already removed by the tokenizer. Other scripts' accents are not folded.
/// </summary>
internal static class AccentFolding
{
    private const char First = '\u00C0';
    private const char Last = '\u024F';

    private const string Accented =
        "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜ" +
        "ĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽ" +
        "žƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǢǣǦǧǨǩǪǫǬǭǮǯǰǴǵǸǹǺǻǼǽǾǿȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧ" +
        "ȨȩȪȫȬȭȮȯȰȱȲȳ";

    private const string Plain =
        "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeG" +
        "gGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZ" +
        "zOoUuAaIiOoUuUuUuUuUuAaAaÆæGgKkOoOoƷʒjGgNnAaÆæØøAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAa" +
        "EeOoOoOoOoYy";

    private static readonly char[] Table = BuildTable();

    private static char[] BuildTable()
    {
        var table = new char[Last - First + 1];
        for (var c = First; c <= Last; c++) table[c - First] = c;
        for (var i = 0; i < Accented.Length; i++) table[Accented[i] - First] = Plain[i];
        return table;
    }

    public static string Fold(string text)
    {
        var i = 0;
        while (i < text.Length && (text[i] < First || text[i] > Last)) i++;
        if (i == text.Length) return text;
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var k = 0; k < source.Length; k++)
            {
                var c = source[k];
                span[k] = c >= First && c <= Last ? Table[c - First] : c;
            }
        });
    }
}
