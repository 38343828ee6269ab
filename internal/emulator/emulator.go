// Package emulator runs the project's local AWS emulator: moto server with the
// fill-ins under emulator/infra_emulator, started in the background on a
// loopback port and remembered by endpoint and PID in the state folder.
package emulator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/taskmanager-platform/infra/internal/flock"
)

// Region is the region the emulator serves the stacks in.
const Region = "us-east-1"

// Dummy credentials: moto accepts any, real AWS rejects these.
const (
	AccessKeyID     = "test"
	SecretAccessKey = "test"
)

var (
	// ErrNotRunning means no live emulator is recorded in the state folder.
	ErrNotRunning = errors.New("the emulator is not running")
	// ErrNotAnswering means the recorded emulator's process is alive but
	// did not answer within AnswerWithin: busy (many terraform processes
	// on few cores) or hung. It is not ErrNotRunning: starting a second
	// emulator over it would orphan the first one and everything it holds.
	ErrNotAnswering = errors.New("the emulator is running but does not answer")
	// ErrPortBusy means the requested port is taken by another process.
	ErrPortBusy = errors.New("port is already in use")
	// ErrNoMoto means the Python interpreter cannot import moto.
	ErrNoMoto = errors.New("moto is not importable")
)

// Options say how to start the emulator.
type Options struct {
	Python    string        // interpreter; empty: INFRA_PYTHON, then python3
	SourceDir string        // folder holding the infra_emulator package
	StateDir  string        // where emulator.json and emulator.log live
	Port      int           // 0 picks a free port
	Ready     time.Duration // how long to wait for the first answer; 0 means 60 s
}

// Instance is a running emulator as recorded in the state folder.
type Instance struct {
	Endpoint  string    `json:"endpoint"`
	PID       int       `json:"pid"`
	Port      int       `json:"port"`
	Log       string    `json:"log"`
	Python    string    `json:"python"`
	CABundle  string    `json:"ca_bundle"` // PEM of the CA that signed the emulator's certificate
	StartedAt time.Time `json:"started_at"`
}

func recordPath(stateDir string) string { return filepath.Join(stateDir, "emulator.json") }

// Up starts the emulator unless one recorded in opts.StateDir is alive.
// started reports whether this call started it.
func Up(ctx context.Context, opts Options) (inst *Instance, started bool, err error) {
	if err := os.MkdirAll(opts.StateDir, 0o755); err != nil {
		return nil, false, fmt.Errorf("creating emulator state folder: %w", err)
	}
	unlock, err := lockDir(opts.StateDir)
	if err != nil {
		return nil, false, err
	}
	defer unlock()

	cur, err := Status(ctx, opts.StateDir)
	if errors.Is(err, ErrNotAnswering) {
		return nil, false, fmt.Errorf("%w; stop it with `infra local down`, then `infra local up`", err)
	}
	if err == nil {
		if opts.Port != 0 && cur.Port != opts.Port {
			return nil, false, fmt.Errorf("an emulator already runs at %s (pid %d); stop it with `infra local down` to use port %d", cur.Endpoint, cur.PID, opts.Port)
		}
		return cur, false, nil
	}

	python, _, err := FindPython(ctx, opts.Python)
	if err != nil {
		return nil, false, err
	}
	port := opts.Port
	if port == 0 {
		if port, err = freePort(); err != nil {
			return nil, false, err
		}
	} else if err := portFree(port); err != nil {
		return nil, false, err
	}

	certs, err := ensureTLS(opts.StateDir)
	if err != nil {
		return nil, false, err
	}
	logPath := filepath.Join(opts.StateDir, "emulator.log")
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, false, fmt.Errorf("opening emulator log: %w", err)
	}
	defer logFile.Close()

	cmd := exec.Command(python, "-m", "infra_emulator", "-H", "127.0.0.1", "-p", strconv.Itoa(port), "-c", certs.Cert, "-k", certs.Key)
	cmd.Dir = opts.SourceDir
	cmd.Env = append(os.Environ(),
		"PYTHONPATH="+opts.SourceDir,
		"PYTHONUNBUFFERED=1",
		"MOTO_IAM_LOAD_MANAGED_POLICIES=true",
	)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	detach(cmd)
	if err := cmd.Start(); err != nil {
		return nil, false, fmt.Errorf("starting %s -m infra_emulator: %w", python, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	inst = &Instance{
		Endpoint:  fmt.Sprintf("https://127.0.0.1:%d", port),
		PID:       cmd.Process.Pid,
		Port:      port,
		Log:       logPath,
		Python:    python,
		CABundle:  certs.CA,
		StartedAt: time.Now().UTC(),
	}
	ready := opts.Ready
	if ready == 0 {
		ready = 60 * time.Second
	}
	if err := waitReady(ctx, inst, ready, exited); err != nil {
		stop(inst.PID, true)
		return nil, false, fmt.Errorf("%w (log: %s)", err, logPath)
	}
	if err := writeRecord(opts.StateDir, inst); err != nil {
		stop(inst.PID, true)
		return nil, false, err
	}
	return inst, true, nil
}

// Status returns the recorded emulator if its process is alive and answers.
func Status(ctx context.Context, stateDir string) (*Instance, error) {
	inst, err := readRecord(stateDir)
	if err != nil {
		return nil, err
	}
	if !alive(inst.PID) {
		return inst, fmt.Errorf("%w: pid %d recorded in %s has exited", ErrNotRunning, inst.PID, recordPath(stateDir))
	}
	if err := inst.answer(ctx, AnswerWithin); err != nil {
		// A busy or stopped emulator still holds its socket: connections
		// wait, they are not refused. Refused means nothing listens there,
		// so the live pid is not the emulator (reused after a reboot).
		if errors.Is(err, syscall.ECONNREFUSED) {
			return inst, fmt.Errorf("%w: pid %d is alive but nothing listens at %s", ErrNotRunning, inst.PID, inst.Endpoint)
		}
		return inst, fmt.Errorf("%w: pid %d at %s: %v", ErrNotAnswering, inst.PID, inst.Endpoint, err)
	}
	return inst, nil
}

// AnswerWithin is how long Status waits for a live emulator to answer. A
// loaded emulator (16 concurrent applies on 2 cores) can take longer than
// one ping's 2 s; a wrong "not running" would send the user to start
// another one.
var AnswerWithin = 20 * time.Second

// answer pings until the emulator answers or limit has passed.
func (i *Instance) answer(ctx context.Context, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		err := i.ping(ctx)
		if err == nil || ctx.Err() != nil || errors.Is(err, syscall.ECONNREFUSED) {
			return err
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no answer within %s: %w", limit, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// Down stops the recorded emulator by its process group and forgets it.
// Stopping an emulator that is not running is not an error.
func Down(ctx context.Context, stateDir string) (*Instance, error) {
	if err := os.MkdirAll(stateDir, 0o755); err != nil {
		return nil, fmt.Errorf("creating emulator state folder: %w", err)
	}
	unlock, err := lockDir(stateDir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	inst, err := readRecord(stateDir)
	if err != nil {
		return nil, err
	}
	if alive(inst.PID) {
		stop(inst.PID, false)
		deadline := time.Now().Add(10 * time.Second)
		for alive(inst.PID) && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
		}
		if alive(inst.PID) {
			stop(inst.PID, true)
		}
	}
	if err := os.Remove(recordPath(stateDir)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return inst, fmt.Errorf("forgetting emulator record: %w", err)
	}
	return inst, nil
}

// Reset empties every service of the emulator (moto's own reset API).
func (i *Instance) Reset(ctx context.Context) error {
	return i.post(ctx, "/moto-api/reset", "", "resetting")
}

// EnforceIAM switches moto's IAM enforcement on or off (moto's reset-auth
// API). On, every request must be signed with the keys of an IAM user or an
// assumed role of the emulator (the dummy keys are refused) and is
// authorised against that identity's policies (docs/emulator.md, "IAM
// enforcement"); off, as the emulator starts, nothing is checked.
func (i *Instance) EnforceIAM(ctx context.Context, on bool) error {
	// The number of requests let through unauthenticated from now on.
	count := "inf"
	if on {
		count = "0"
	}
	return i.post(ctx, "/moto-api/reset-auth", count, "switching IAM enforcement of")
}

func (i *Instance) post(ctx context.Context, path, body, doing string) error {
	c, err := HTTPClient(i.CABundle)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, i.Endpoint+path, strings.NewReader(body))
	if err != nil {
		return err
	}
	// moto reads reset-auth's count from the raw body, not from a form.
	req.Header.Set("Content-Type", "text/plain")
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("%s emulator at %s: %w", doing, i.Endpoint, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s emulator at %s: HTTP %d", doing, i.Endpoint, resp.StatusCode)
	}
	return nil
}

// ClientEnv is what points AWS SDKs and the AWS CLI at the emulator.
func (i *Instance) ClientEnv() [][2]string {
	return [][2]string{
		{"AWS_ENDPOINT_URL", i.Endpoint},
		{"AWS_ACCESS_KEY_ID", AccessKeyID},
		{"AWS_SECRET_ACCESS_KEY", SecretAccessKey},
		{"AWS_REGION", Region},
		{"AWS_DEFAULT_REGION", Region},
		{"AWS_EC2_METADATA_DISABLED", "true"},
		{"AWS_CA_BUNDLE", i.CABundle},
	}
}

// Requirements is the pip requirements file of the emulator, relative to
// the repository root.
const Requirements = "emulator/requirements.txt"

// InstallHint is the command that installs the pinned emulator packages.
func InstallHint(python string) string {
	if python == "" {
		python = "python3"
	}
	return fmt.Sprintf("%s -m pip install -r %s", python, Requirements)
}

// FindPython returns an interpreter that can import moto's server, and the
// moto version it has: override, then INFRA_PYTHON, then python3 on PATH.
func FindPython(ctx context.Context, override string) (path, motoVersion string, err error) {
	candidates := []string{override, os.Getenv("INFRA_PYTHON"), "python3"}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		path, err := exec.LookPath(c)
		if err != nil {
			return "", "", fmt.Errorf("python interpreter %q not found: %w; install python3 or set INFRA_PYTHON", c, err)
		}
		out, err := exec.CommandContext(ctx, path, "-c", "import moto.server, sys; sys.stdout.write('moto ' + moto.__version__)").CombinedOutput()
		if err == nil && !strings.HasPrefix(string(out), "moto ") {
			err = fmt.Errorf("no moto version reported")
		}
		if err != nil {
			return "", "", fmt.Errorf("%w by %s (%s): install it with `%s` or set INFRA_PYTHON to an interpreter that has it", ErrNoMoto, path, strings.TrimSpace(lastLine(string(out))), InstallHint(path))
		}
		return path, strings.TrimPrefix(string(out), "moto "), nil
	}
	return "", "", fmt.Errorf("no python interpreter: set INFRA_PYTHON")
}

// PinnedMoto reads the moto version requirements.txt pins (moto[server]==X).
func PinnedMoto(requirements string) (string, error) {
	b, err := os.ReadFile(requirements)
	if err != nil {
		return "", fmt.Errorf("reading the emulator's pins: %w", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		name, ver, ok := strings.Cut(strings.TrimSpace(line), "==")
		if ok && (name == "moto" || strings.HasPrefix(name, "moto[")) {
			return strings.TrimSpace(ver), nil
		}
	}
	return "", fmt.Errorf("%s pins no moto version (want a line moto[server]==X.Y.Z)", requirements)
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

func waitReady(ctx context.Context, inst *Instance, limit time.Duration, exited <-chan error) error {
	deadline := time.Now().Add(limit)
	for {
		select {
		case err := <-exited:
			return fmt.Errorf("emulator exited before answering: %v", err)
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if inst.ping(ctx) == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("emulator did not answer at %s within %s", inst.Endpoint, limit)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (i *Instance) ping(ctx context.Context) error {
	c, err := HTTPClient(i.CABundle)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, i.Endpoint+"/moto-api/", nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free loopback port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func portFree(port int) error {
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return fmt.Errorf("127.0.0.1:%d: %w; choose another --port or omit it to pick a free one", port, ErrPortBusy)
	}
	return l.Close()
}

func readRecord(stateDir string) (*Instance, error) {
	b, err := os.ReadFile(recordPath(stateDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: no record in %s", ErrNotRunning, stateDir)
	}
	if err != nil {
		return nil, fmt.Errorf("reading emulator record: %w", err)
	}
	var inst Instance
	if err := json.Unmarshal(b, &inst); err != nil {
		return nil, fmt.Errorf("emulator record %s is corrupt (%v); remove it and run `infra local up`", recordPath(stateDir), err)
	}
	return &inst, nil
}

func writeRecord(stateDir string, inst *Instance) error {
	b, err := json.MarshalIndent(inst, "", "  ")
	if err != nil {
		return err
	}
	tmp := recordPath(stateDir) + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("recording emulator: %w", err)
	}
	if err := os.Rename(tmp, recordPath(stateDir)); err != nil {
		return fmt.Errorf("recording emulator: %w", err)
	}
	return nil
}

// lockDir serialises up/down on one state folder across processes.
func lockDir(stateDir string) (func(), error) {
	release, err := flock.Lock(filepath.Join(stateDir, "emulator.lock"))
	if err != nil {
		return nil, fmt.Errorf("locking emulator state: %w", err)
	}
	return release, nil
}
