using System.Xml;
using System.Xml.Linq;
using Project01.Ingestion.Sources.Http;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Sources.Feeds;

/// <summary>
/// Reads an RSS 2.0 (<c>rss/channel/item</c>) or Atom 1.0 (<c>feed/entry</c>) document into <see cref="NewsRecord"/>s.
/// Hand-written over XmlReader rather than System.ServiceModel.Syndication, because that one throws for the whole
/// feed on one bad date; here a bad item becomes a rejection naming its element (<c>item[2].pubDate</c>) and the rest
/// goes on. DTDs are refused (no entity expansion from a remote document).
/// </summary>
public static class FeedParser
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    public static (List<NewsRecord> Records, List<SourceRejection> Rejections) Parse(Stream xml, string source, DateTime ingestTime)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, Async = false });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new SourcePayloadException(source, "$", $"is not well-formed XML (line {e.LineNumber}: {e.Message})", e);
        }
        var root = document.Root!;
        if (root.Name == "rss")
            return Rss(root.Element("channel") ?? throw new SourcePayloadException(source, "rss.channel", "is missing"), source, ingestTime);
        if (root.Name == Atom + "feed") return AtomFeed(root, source, ingestTime);
        throw new SourcePayloadException(source, "$", $"root element <{root.Name.LocalName}> is neither RSS 2.0 <rss> nor Atom <feed>");
    }

    private static (List<NewsRecord>, List<SourceRejection>) Rss(XElement channel, string source, DateTime now)
    {
        var language = Text(channel.Element("language"));
        var records = new List<NewsRecord>();
        var rejections = new List<SourceRejection>();
        var i = 0;
        foreach (var item in channel.Elements("item"))
        {
            var path = $"item[{i++}]";
            try
            {
                var link = Text(item.Element("link"));
                var pubDate = Text(item.Element("pubDate")) ?? Text(item.Element(Dc + "date"))
                    ?? throw new PayloadFieldException($"{path}.pubDate", "is missing");
                if (!Rfc822Date.TryParse(pubDate, out var published) && !JsonFields.TryParseTimestamp(pubDate, out published))
                    throw new PayloadFieldException($"{path}.pubDate", $"'{pubDate}' is not an RFC 822 date");
                records.Add(Validated(new NewsRecord
                {
                    // RSS makes every element optional; the guid, else the link, identifies an item.
                    Id = Text(item.Element("guid")) ?? link ?? throw new PayloadFieldException($"{path}.guid", "is missing (and there is no link)"),
                    Source = source,
                    Publisher = Text(channel.Element("title")),
                    EventTime = published,
                    IngestTime = now,
                    Headline = Text(item.Element("title")) ?? throw new PayloadFieldException($"{path}.title", "is missing"),
                    Body = Text(item.Element("description")) ?? Text(item.Element(Content + "encoded")),
                    Url = link,
                    Author = Text(item.Element("author")) ?? Text(item.Element(Dc + "creator")),
                    Language = language,
                }, path));
            }
            catch (PayloadFieldException e)
            {
                rejections.Add(new SourceRejection(source, e.Field, e.Reason, item.ToString(SaveOptions.DisableFormatting)));
            }
        }
        return (records, rejections);
    }

    private static (List<NewsRecord>, List<SourceRejection>) AtomFeed(XElement feed, string source, DateTime now)
    {
        var feedLanguage = (string?)feed.Attribute(XNamespace.Xml + "lang");
        var records = new List<NewsRecord>();
        var rejections = new List<SourceRejection>();
        var i = 0;
        foreach (var entry in feed.Elements(Atom + "entry"))
        {
            var path = $"entry[{i++}]";
            try
            {
                // Atom requires updated; published is optional and is the better event time when given.
                var field = entry.Element(Atom + "published") is not null ? "published" : "updated";
                var stamp = Text(entry.Element(Atom + field)) ?? throw new PayloadFieldException($"{path}.updated", "is missing");
                if (!JsonFields.TryParseTimestamp(stamp, out var published))
                    throw new PayloadFieldException($"{path}.{field}", $"'{stamp}' is not an RFC 3339 timestamp");
                var links = entry.Elements(Atom + "link").ToList();
                var link = links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate") ?? links.FirstOrDefault();
                records.Add(Validated(new NewsRecord
                {
                    Id = Text(entry.Element(Atom + "id")) ?? throw new PayloadFieldException($"{path}.id", "is missing"),
                    Source = source,
                    Publisher = Text(feed.Element(Atom + "title")),
                    EventTime = published,
                    IngestTime = now,
                    Headline = Text(entry.Element(Atom + "title")) ?? throw new PayloadFieldException($"{path}.title", "is missing"),
                    Body = Text(entry.Element(Atom + "summary")) ?? Text(entry.Element(Atom + "content")),
                    Url = (string?)link?.Attribute("href"),
                    Author = Text(entry.Element(Atom + "author")?.Element(Atom + "name")) ?? Text(feed.Element(Atom + "author")?.Element(Atom + "name")),
                    Language = (string?)entry.Attribute(XNamespace.Xml + "lang") ?? feedLanguage,
                }, path));
            }
            catch (PayloadFieldException e)
            {
                rejections.Add(new SourceRejection(source, e.Field, e.Reason, entry.ToString(SaveOptions.DisableFormatting)));
            }
        }
        return (records, rejections);
    }

    private static NewsRecord Validated(NewsRecord record, string path) =>
        record.Validate() is { } problem ? throw new PayloadFieldException(path, problem) : record;

    private static string? Text(XElement? element) => element?.Value.Trim() is { Length: > 0 } s ? s : null;
}
