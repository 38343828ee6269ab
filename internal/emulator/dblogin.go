package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// DBLogin asks the emulator's database stand-in (fill-in dblogin, not an AWS
// API) whether user and password would log in to the instance: its master
// user with the current master password (a replica: its source's).
func DBLogin(ctx context.Context, endpoint string, client *http.Client, instance, user, password string) (bool, error) {
	body, err := json.Marshal(map[string]string{"DBInstanceIdentifier": instance, "Username": user, "Password": password})
	if err != nil {
		return false, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint+"/moto-api/infra/db-login", bytes.NewReader(body))
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return false, fmt.Errorf("database login stand-in: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return false, fmt.Errorf("database login stand-in: instance %s: HTTP %d", instance, resp.StatusCode)
	}
	var out struct{ Authenticated bool }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return false, fmt.Errorf("database login stand-in: %w", err)
	}
	return out.Authenticated, nil
}
