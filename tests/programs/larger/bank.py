# larger: bank account simulation with classes, inheritance, custom exceptions and transaction log
class BankError(Exception):
    pass

class InsufficientFunds(BankError):
    def __init__(self, account, amount):
        super().__init__(f"{account.owner}: cannot withdraw {amount}, balance {account.balance}")
        self.amount = amount

class AccountFrozen(BankError):
    pass

class Account:
    _next_id = 1000
    def __init__(self, owner, balance=0):
        self.id = Account._next_id
        Account._next_id += 1
        self.owner = owner
        self.balance = balance
        self.frozen = False
        self.history = []
    def _check(self):
        if self.frozen:
            raise AccountFrozen(f"account {self.id} is frozen")
    def deposit(self, amount):
        self._check()
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))
    def withdraw(self, amount):
        self._check()
        if amount > self.balance:
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.history.append(("withdraw", amount))
    def month_end(self):
        pass
    def __repr__(self):
        return f"{type(self).__name__}(#{self.id}, {self.owner}, {self.balance})"

class Savings(Account):
    def __init__(self, owner, balance=0, rate=0.02):
        super().__init__(owner, balance)
        self.rate = rate
    def month_end(self):
        interest = round(self.balance * self.rate, 2)
        self.balance = round(self.balance + interest, 2)
        self.history.append(("interest", interest))

class Checking(Account):
    def __init__(self, owner, balance=0, overdraft=100):
        super().__init__(owner, balance)
        self.overdraft = overdraft
    def withdraw(self, amount):
        self._check()
        if amount > self.balance + self.overdraft:
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.history.append(("withdraw", amount))
    def month_end(self):
        if self.balance < 0:
            self.balance -= 15
            self.history.append(("fee", 15))

class Bank:
    def __init__(self):
        self.accounts = {}
        self.log = []
    def open(self, cls, *args, **kw):
        acct = cls(*args, **kw)
        self.accounts[acct.id] = acct
        return acct
    def transfer(self, src, dst, amount):
        try:
            self.accounts[src].withdraw(amount)
        except KeyError:
            self.log.append(f"transfer failed: no account {src}")
            return False
        except BankError as e:
            self.log.append(f"transfer failed: {e}")
            return False
        try:
            self.accounts[dst].deposit(amount)
        except (KeyError, BankError) as e:
            self.accounts[src].deposit(amount)
            self.log.append(f"transfer rolled back: {type(e).__name__}")
            return False
        self.log.append(f"transfer {amount} {src}->{dst}")
        return True
    def month_end(self):
        for a in self.accounts.values():
            a.month_end()
    def total(self):
        return round(sum(a.balance for a in self.accounts.values()), 2)

bank = Bank()
alice = bank.open(Savings, "alice", 1000, rate=0.01)
bob = bank.open(Checking, "bob", 50)
carol = bank.open(Account, "carol")
print(alice, bob, carol)
print(bank.transfer(alice.id, bob.id, 200))
print(bank.transfer(bob.id, carol.id, 300))
print(bank.transfer(bob.id, carol.id, 400))
print(bank.transfer(9999, carol.id, 1))
carol.frozen = True
print(bank.transfer(alice.id, carol.id, 10))
carol.frozen = False
try:
    carol.deposit(-5)
except ValueError as e:
    print("ValueError", e)
try:
    carol.withdraw(10 ** 6)
except InsufficientFunds as e:
    print("InsufficientFunds", e, e.amount)
for month in range(3):
    bank.month_end()
    print("month", month + 1, alice.balance, bob.balance, carol.balance, bank.total())
for line in bank.log:
    print(line)
for a in bank.accounts.values():
    print(a.owner, a.history)
print(sorted(bank.accounts.values(), key=lambda a: a.balance))
