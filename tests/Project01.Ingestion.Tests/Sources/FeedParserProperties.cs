using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CsCheck;
using Project01.Ingestion.Sources.Feeds;
using Project01.Ingestion.Sources.Http;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Tests.Sources;

/// <summary>
/// Properties of <see cref="FeedParser"/> and <see cref="Rfc822Date"/>: RSS and Atom items round-trip whatever their
/// text and time zone; a broken document is a <see cref="SourcePayloadException"/> naming the place; a broken item is a
/// rejection naming its element while the others go through; nothing else is ever thrown.
/// </summary>
public sealed class FeedParserProperties
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly DateTime Ingest = new(2024, 6, 4, 0, 0, 0, DateTimeKind.Utc);
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private const string Source = "feed:test";

    private static readonly (string Name, int Hours)[] NamedZones =
        [("GMT", 0), ("UT", 0), ("UTC", 0), ("Z", 0), ("EST", -5), ("EDT", -4), ("CST", -6), ("CDT", -5), ("MST", -7), ("MDT", -6), ("PST", -8), ("PDT", -7)];

    /// <summary>An instant, a zone (named or ±hhmm) and whether the text carries a day name and seconds.</summary>
    private sealed record Rfc822(DateTime Utc, string Text);

    // Any instant whose local time stays within DateTime's range (a day's margin at each end for the offset).
    private static readonly Gen<Rfc822> Rfc822Gen =
        Gen.Select(Gen.Long[new DateTime(1, 1, 2).Ticks / TimeSpan.TicksPerMinute, new DateTime(9999, 12, 30).Ticks / TimeSpan.TicksPerMinute], Gen.Int[0, 59],
                Gen.Int[-1, NamedZones.Length - 1], Gen.Int[-23 * 60 - 59, 23 * 60 + 59], Gen.Bool, Gen.Bool, Gen.Bool)
            .Select((minutes, seconds, named, offsetMinutes, dayName, withSeconds, twoDigitYear) =>
            {
                var utc = new DateTime(minutes * TimeSpan.TicksPerMinute + (withSeconds ? seconds * TimeSpan.TicksPerSecond : 0), DateTimeKind.Utc);
                var offset = named >= 0 ? TimeSpan.FromHours(NamedZones[named].Hours) : TimeSpan.FromMinutes(offsetMinutes);
                var zone = named >= 0 ? NamedZones[named].Name : Zone(offsetMinutes);
                var local = utc + offset;
                // Two-digit years only where the parser's century window reads them back (the RFC allows them; vendors still send them).
                var year = twoDigitYear && local.Year is >= 1950 and < 2030 ? "yy" : "yyyy";
                var text = local.ToString($"{(dayName ? "ddd, " : "")}dd MMM {year} HH:mm{(withSeconds ? ":ss" : "")}", Inv) + " " + zone;
                return new Rfc822(utc, text);
            });

    private static string Zone(int offsetMinutes) => $"{(offsetMinutes < 0 ? '-' : '+')}{Math.Abs(offsetMinutes) / 60:00}{Math.Abs(offsetMinutes) % 60:00}";

    [Fact]
    public void Rfc822DatesAtTheEndsOfTimeParseWhenTheInstantExistsAndAreRefusedWhenNot() =>
        Gen.Select(Gen.Bool, Gen.Int[0, 2 * 24 * 60], Gen.Int[-23 * 60 - 59, 23 * 60 + 59]).Sample((atEnd, minutes, offsetMinutes) =>
        {
            var local = atEnd ? new DateTime(9999, 12, 31, 23, 59, 0).AddMinutes(-minutes) : new DateTime(1, 1, 1).AddMinutes(minutes);
            var ticks = local.Ticks - offsetMinutes * TimeSpan.TicksPerMinute;
            var exists = ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks;
            var text = local.ToString("dd MMM yyyy HH:mm", Inv) + " " + Zone(offsetMinutes);

            Assert.Equal(exists, Rfc822Date.TryParse(text, out var utc));
            if (exists) Assert.Equal((new DateTime(ticks, DateTimeKind.Utc), DateTimeKind.Utc), (utc, utc.Kind));
        }, iter: 2_000, print: t => $"{t}");

    [Fact]
    public void Rfc822DatesRoundTripInEveryZoneAndGarbageIsRefused() =>
        Gen.Select(Rfc822Gen, Gen.String, Gen.Char["0123456789 :+-,JanMoGMTESD"].Array[0, 40]).Sample((date, garbage, near) =>
        {
            Assert.True(Rfc822Date.TryParse(date.Text, out var utc), date.Text);
            Assert.Equal((date.Utc, DateTimeKind.Utc), (utc, utc.Kind));
            // Whatever the text, the answer is a yes or a no.
            if (Rfc822Date.TryParse(garbage, out var any)) Assert.Equal(DateTimeKind.Utc, any.Kind);
            if (Rfc822Date.TryParse(new string(near), out any)) Assert.Equal(DateTimeKind.Utc, any.Kind);
        }, iter: 2_000);

    // Titles with markup characters, entities' raw forms, non-ASCII and surrounding whitespace (no control characters: XML forbids them).
    private static readonly Gen<string> Title = Gen.OneOf(Gen.Char["abcXYZ 019<>&\"';:/é€\t"].Select(c => c.ToString()), Gen.Const("😀"))
        .Array[0, 30].Select(parts => "t" + string.Concat(parts) + (parts.Length % 3 == 0 ? "  " : ""));

    private sealed record Item(string Title, DateTime Utc, string When, bool Link);

    private static readonly Gen<Item> RssItem = Gen.Select(Title, Rfc822Gen, Gen.Bool).Select((t, d, link) => new Item(t, d.Utc, d.Text, link));

    private static readonly Gen<Item> AtomEntry =
        Gen.Select(Title, Gen.Long[new DateTime(1900, 1, 1).Ticks / TimeSpan.TicksPerSecond, new DateTime(2200, 1, 1).Ticks / TimeSpan.TicksPerSecond],
                Gen.Int[-14 * 60, 14 * 60], Gen.Bool)
            .Select((t, seconds, offsetMinutes, link) =>
            {
                var utc = new DateTime(seconds * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
                var text = offsetMinutes == 0 && link ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv)
                    : new DateTimeOffset(utc).ToOffset(TimeSpan.FromMinutes(offsetMinutes)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", Inv);
                return new Item(t, utc, text, link);
            });

    private static MemoryStream Save(XDocument document)
    {
        var stream = new MemoryStream();
        document.Save(stream);
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void RssItemsRoundTrip() =>
        RssItem.Array[0, 12].Sample(items =>
        {
            var document = new XDocument(new XElement("rss", new XAttribute("version", "2.0"),
                new XElement("channel", new XElement("title", "Feed"), new XElement("language", "en"),
                    items.Select((it, i) => new XElement("item", new XElement("title", it.Title), new XElement("pubDate", it.When),
                        new XElement("guid", $"g-{i}"), it.Link ? new XElement("link", $"https://example.test/{i}") : null)))));

            var (records, rejections) = FeedParser.Parse(Save(document), Source, Ingest);

            Assert.Empty(rejections);
            Assert.Equal(items.Select((it, i) => (it.Title.Trim(), it.Utc, $"g-{i}", it.Link ? $"https://example.test/{i}" : null)),
                records.Select(r => (r.Headline, r.EventTime, r.Id, r.Url)));
            Assert.All(records, r => Assert.Equal((Source, "Feed", "en", DateTimeKind.Utc), (r.Source, r.Publisher, r.Language, r.EventTime.Kind)));
        }, iter: 500);

    [Fact]
    public void AtomEntriesRoundTrip() =>
        AtomEntry.Array[0, 12].Sample(entries =>
        {
            var document = new XDocument(new XElement(Atom + "feed", new XElement(Atom + "title", "Feed"),
                entries.Select((e, i) => new XElement(Atom + "entry", new XElement(Atom + "title", e.Title), new XElement(Atom + "id", $"urn:{i}"),
                    new XElement(Atom + (e.Link ? "published" : "updated"), e.When),
                    e.Link ? new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("href", $"https://example.test/{i}")) : null))));

            var (records, rejections) = FeedParser.Parse(Save(document), Source, Ingest);

            Assert.Empty(rejections);
            Assert.Equal(entries.Select((e, i) => (e.Title.Trim(), e.Utc, $"urn:{i}", e.Link ? $"https://example.test/{i}" : null)),
                records.Select(r => (r.Headline, r.EventTime, r.Id, r.Url)));
        }, iter: 500);

    private static readonly string[] Fixtures =
    [
        Encoding.UTF8.GetString(PayloadMutations.Fixture("feeds/marketwatch-rss.xml")),
        Encoding.UTF8.GetString(PayloadMutations.Fixture("feeds/sec-press-atom.xml")),
    ];

    /// <summary>Dates a feed should never carry, written where a feed puts its dates.</summary>
    private static readonly string[] BadDates =
    [
        "", "   ", "yesterday", "Mon, 32 Jun 2024 10:00:00 GMT", "03 Jun 2024 25:00 GMT", "03 Jun 2024 10:00 +2400", "03 Jun 2024 10:00 XYZ",
        "03 Jun 2024 10:00 +99999", "2024-06-03T14:30:00", "2024-06-03", "99 Jun 99 10:00 GMT", ",", "a,b,c 1 2", "Mon,", " , GMT", "+0100",
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2024-06-03T14:30:00+25:00", "10000-01-01T00:00:00Z",
        "01 Jan 0001 00:00 +0100", "Fri, 31 Dec 9999 23:59:59 -0100", "31 Dec 9999 23:00 PST",
    ];

    private static readonly string[] Elements = ["title", "guid", "link", "pubDate", "id", "published", "updated", "channel", "entry", "item"];

    // A fixture with a date replaced, an element dropped or emptied, a DTD added, bytes changed, or the tail cut off.
    private static readonly Gen<byte[]> BrokenFeed = Gen.Frequency(
        (3, Gen.Select(Gen.Int[0, 1], Gen.Int[0, 20], Gen.Int[0, BadDates.Length - 1]).Select((f, nth, bad) =>
            Encoding.UTF8.GetBytes(ReplaceNth(Fixtures[f], @"(?<=<(pubDate|published|updated)>)[^<]*", nth, new XText(BadDates[bad]).ToString())))),
        (2, Gen.Select(Gen.Int[0, 1], Gen.Int[0, 20], Gen.Int[0, Elements.Length - 1], Gen.Bool).Select((f, nth, e, empty) =>
            Encoding.UTF8.GetBytes(ReplaceNth(Fixtures[f], $@"<{Elements[e]}(\s[^>]*)?>(?:(?!</{Elements[e]}>)[\s\S])*</{Elements[e]}>", nth,
                empty ? $"<{Elements[e]}></{Elements[e]}>" : "")))),
        (1, Gen.Int[0, 1].Select(f => Encoding.UTF8.GetBytes(Fixtures[f].Replace("?>", "?><!DOCTYPE x [<!ENTITY e \"boom\">]>", StringComparison.Ordinal)))),
        (2, PayloadMutations.Mangled(ascii: false, [.. Fixtures.Select(Encoding.UTF8.GetBytes)])),
        (1, Gen.Byte.Array[0, 100]));

    private static string ReplaceNth(string text, string pattern, int nth, string replacement)
    {
        var matches = Regex.Matches(text, pattern);
        if (matches.Count == 0) return text;
        var m = matches[nth % matches.Count];
        return text[..m.Index] + replacement + text[(m.Index + m.Length)..];
    }

    [Fact]
    public void ABrokenFeedFailsNamingThePlaceOrRejectsTheItemNeverAnotherException() =>
        BrokenFeed.Sample(bytes =>
        {
            try
            {
                var (records, rejections) = FeedParser.Parse(new MemoryStream(bytes), Source, Ingest);
                Assert.All(records, r => Assert.Null(r.Validate()));
                Assert.All(rejections, r =>
                {
                    Assert.Equal(Source, r.Source);
                    Assert.Matches(@"^(item|entry)\[\d+\](\.\w+)?$", r.Field);
                    Assert.False(string.IsNullOrWhiteSpace(r.Reason));
                });
            }
            catch (SourcePayloadException e)
            {
                Assert.Equal(Source, e.SourceName);
                Assert.False(string.IsNullOrWhiteSpace(e.Field));
                Assert.StartsWith($"{Source}: malformed payload: field '{e.Field}'", e.Message);
            }
        }, iter: 2_000, print: PayloadMutations.Show);
}
