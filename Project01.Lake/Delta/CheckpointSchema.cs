using ParquetSharp;
using ParquetSharp.Schema;

namespace Project01.Lake.Delta;

/// <summary>
/// The Parquet schema of a classic V1 checkpoint (PROTOCOL.md "Checkpoint Schema"): one optional struct column per action
/// kind, so each row holds exactly one action. Every field is optional, as Delta's reference writer makes them; maps
/// (partitionValues, configuration, format options) are MAP groups of repeated key_value pairs and partitionColumns is a
/// 3-level LIST, the layouts the protocol names for map&lt;string,string&gt; and array&lt;string&gt;. Owns the native nodes.
/// </summary>
internal sealed class CheckpointSchema : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public CheckpointSchema()
    {
        Root = Own(new GroupNode("schema", Repetition.Required, [
            Struct("txn", String("appId"), Long("version"), Long("lastUpdated")),
            Struct("add", String("path"), Map("partitionValues"), Long("size"), Long("modificationTime"), Bool("dataChange"), String("stats")),
            Struct("remove", String("path"), Long("deletionTimestamp"), Bool("dataChange"), Bool("extendedFileMetadata"),
                Map("partitionValues"), Long("size")),
            Struct("metaData", String("id"), String("name"), Struct("format", String("provider"), Map("options")), String("schemaString"),
                List("partitionColumns"), Map("configuration"), Long("createdTime")),
            Struct("protocol", Int("minReaderVersion"), Int("minWriterVersion")),
        ]));
    }

    public GroupNode Root { get; }

    private Node Struct(string name, params Node[] fields) => Own(new GroupNode(name, Repetition.Optional, fields));

    private Node String(string name, Repetition repetition = Repetition.Optional) =>
        Own(new PrimitiveNode(name, repetition, Own(LogicalType.String()), PhysicalType.ByteArray));

    private Node Long(string name) => Own(new PrimitiveNode(name, Repetition.Optional, Own(LogicalType.None()), PhysicalType.Int64));

    private Node Int(string name) => Own(new PrimitiveNode(name, Repetition.Optional, Own(LogicalType.None()), PhysicalType.Int32));

    private Node Bool(string name) => Own(new PrimitiveNode(name, Repetition.Optional, Own(LogicalType.None()), PhysicalType.Boolean));

    // Map keys must be required (Parquet LogicalTypes.md); values may be null (a null partition value).
    private Node Map(string name)
    {
        var pairs = Own(new GroupNode("key_value", Repetition.Repeated, [String("key", Repetition.Required), String("value")]));
        return Own(new GroupNode(name, Repetition.Optional, [pairs], Own(LogicalType.Map())));
    }

    private Node List(string name)
    {
        var items = Own(new GroupNode("list", Repetition.Repeated, [String("element")]));
        return Own(new GroupNode(name, Repetition.Optional, [items], Own(LogicalType.List())));
    }

    private T Own<T>(T node) where T : IDisposable
    {
        _owned.Add(node);
        return node;
    }

    public void Dispose()
    {
        foreach (var node in _owned) node.Dispose();
    }
}
