using System.Net;
using System.Net.Sockets;

namespace Project01.Messaging.Embedded;

/// <summary>
/// Accepts connections on a fixed loopback port and pipes each to a target endpoint. librdkafka's mock broker always
/// listens on a kernel-chosen port; this gives clients a stable address (the broker advertises the fixed one).
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public TcpForwarder(IPEndPoint listen, IPEndPoint target)
    {
        _target = target;
        _listener = new TcpListener(listen);
        try
        {
            _listener.Start(backlog: 512);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new InvalidOperationException($"port {listen.Port} is already in use: another broker (or program) holds it; stop it or choose another port", e);
        }
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync(_stop.Token);
    }

    public int Port { get; }
    public long Connections => Interlocked.Read(ref _connections);
    private long _connections;

    private async Task AcceptAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(ct); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            Interlocked.Increment(ref _connections);
            _ = PipeAsync(client, ct);
        }
    }

    private async Task PipeAsync(TcpClient client, CancellationToken ct)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                client.NoDelay = true;
                upstream.NoDelay = true;
                await upstream.ConnectAsync(_target, ct);
                var a = client.GetStream();
                var b = upstream.GetStream();
                // When either side closes, close both so the peer sees the disconnect promptly.
                await Task.WhenAny(a.CopyToAsync(b, 81920, ct), b.CopyToAsync(a, 81920, ct));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A dropped connection is the client's (or the mock's) business; it reconnects.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _acceptLoop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
